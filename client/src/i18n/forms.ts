/**
 * Texts of the forms that refuse what must fail before it is sent (card purchase, invoice
 * request, settlement method, top-up), the invoice detail page, and the guarded routes.
 */
import type { PageDictionary } from './index.ts';

export const forms: PageDictionary = {
  en: {
    'methodForm.confirmTitle': 'Settle through {account}?',
    'methodForm.consequence.billed':
      'The workspace’s general charges that vouchers and prepaid cards do not cover are billed to {account}, not to this account’s cash. SMS and dial-testing charges the cards do not cover go there as well.',
    'methodForm.consequence.locked':
      'It cannot move back to the billing center, or to another cloud account, until that cloud subscription is cancelled or released.',
    'methodForm.consequence.month':
      'The method can change once per calendar month: this change uses up this month’s.',
    'methodForm.confirm': 'Switch to the cloud account',
    'methodForm.back': 'Back',
    'topUpForm.owes': 'This account owes {overdue}. Money arriving pays it off first.',
    'topUpForm.payOwed': 'Pay off {overdue} owed',
    'topUpList.title': 'Your top-up orders',
    'topUpList.empty': 'No online top-ups yet.',
    'topUpList.order': 'Order number',
    'topUpList.createdAt': 'Created',
    'topUpList.amount': 'Amount',
    'topUpList.status': 'Status',
    'topUpList.paidAt': 'Paid',
    'topUpList.more': 'Show more',
    'cardsForm.aboveCash':
      'The total {total} is more than your cash {cash}: cards are paid from cash only. Top up the difference first.',
    'cardsForm.aboveCashOverdue':
      'The total {total} is more than your cash {cash}, and money arriving first pays the overdue {overdue}. Top up enough for both first.',
    'cardsForm.topUp': 'Top up {amount}',
    'invoices.status.cancelled': 'Cancelled',
    'invoices.field.address': 'Registered address',
    'invoices.field.phone': 'Registered phone',
    'invoices.field.bankName': 'Bank',
    'invoices.field.bankAccount': 'Bank account number',
    'invoiceForm.kindHint.general':
      'A general VAT invoice prints the buyer’s name and taxpayer ID.',
    'invoiceForm.kindHint.special':
      'A special VAT invoice lets the buyer deduct input VAT: it also prints the registered address and phone, bank and account number, as on the tax registration.',
    'invoiceForm.hint.title': 'The buyer’s full name as registered.',
    'invoiceForm.hint.taxId':
      'Taxpayer ID: 15, 18 (unified social credit code) or 20 digits or capital letters.',
    'invoiceForm.hint.email': 'The electronic invoice is sent here.',
    'invoiceForm.hint.address': 'As on the tax registration.',
    'invoiceForm.hint.phone': 'With the area code, e.g. 021-12345678.',
    'invoiceForm.hint.bankName': 'The bank and branch of the basic account.',
    'invoiceForm.hint.bankAccount': 'Digits; spaces are fine.',
    'invoiceForm.aboveAvailable': 'At most {available} can be requested.',
    'invoiceForm.nothingAvailable':
      'Nothing to invoice yet: invoices are for cash actually paid (for charges, prepaid cards and orders), and everything paid so far is invoiced. The form opens when more is paid.',
    'invoiceForm.nothingAvailablePending':
      'Nothing more to request: {pending} is requested and waiting for the billing center. Cancel a pending request to ask for its amount differently.',
    'invoiceDetail.open': 'Details',
    'invoiceDetail.openOf': 'of the request of {time}',
    'invoiceDetail.cancel': 'Cancel request',
    'invoiceDetail.cancelOf': 'of {amount}',
    'invoiceDetail.back': '← All invoices',
    'invoiceDetail.titleIssued': 'Invoice {number}',
    'invoiceDetail.titleRequest': 'Invoice request',
    'invoiceDetail.status': 'Status',
    'invoiceDetail.number': 'Invoice number',
    'invoiceDetail.issuedOn': 'Issued on',
    'invoiceDetail.historyTitle': 'Status history',
  },
  zh: {
    'methodForm.confirmTitle': '改为通过 {account} 结算？',
    'methodForm.consequence.billed':
      '此工作空间的通用费用中，代金券和预付卡未覆盖的部分将计入 {account}，不再从本账户现金扣除；短信和拨测费用中预付卡未覆盖的部分同样计入该云账号。',
    'methodForm.consequence.locked':
      '在该云订阅被取消或释放之前，不能改回计费中心账户，也不能改为其他云账号。',
    'methodForm.consequence.month': '结算方式每个自然月只能变更一次：本次变更将用掉本月的机会。',
    'methodForm.confirm': '改为云账号结算',
    'methodForm.back': '返回',
    'topUpForm.owes': '此账户欠费 {overdue}。到账资金将优先结清欠费。',
    'topUpForm.payOwed': '还清欠费 {overdue}',
    'topUpList.title': '充值订单',
    'topUpList.empty': '暂无在线充值记录。',
    'topUpList.order': '订单号',
    'topUpList.createdAt': '创建时间',
    'topUpList.amount': '金额',
    'topUpList.status': '状态',
    'topUpList.paidAt': '支付时间',
    'topUpList.more': '显示更多',
    'cardsForm.aboveCash': '总额 {total} 超过可用现金 {cash}：预付卡只能用现金购买。请先充值差额。',
    'cardsForm.aboveCashOverdue':
      '总额 {total} 超过可用现金 {cash}，且到账资金会先偿还欠费 {overdue}。请先充值足够的金额。',
    'cardsForm.topUp': '充值 {amount}',
    'invoices.status.cancelled': '已撤销',
    'invoices.field.address': '注册地址',
    'invoices.field.phone': '注册电话',
    'invoices.field.bankName': '开户银行',
    'invoices.field.bankAccount': '银行账号',
    'invoiceForm.kindHint.general': '增值税普通发票载明购买方名称和纳税人识别号。',
    'invoiceForm.kindHint.special':
      '增值税专用发票可用于抵扣进项税，还需载明购买方的注册地址、电话、开户银行及账号（与税务登记一致）。',
    'invoiceForm.hint.title': '购买方的登记全称。',
    'invoiceForm.hint.taxId': '纳税人识别号：15、18（统一社会信用代码）或 20 位数字或大写字母。',
    'invoiceForm.hint.email': '电子发票将发送至此邮箱。',
    'invoiceForm.hint.address': '与税务登记一致。',
    'invoiceForm.hint.phone': '含区号，例如 021-12345678。',
    'invoiceForm.hint.bankName': '基本存款账户的开户银行及支行。',
    'invoiceForm.hint.bankAccount': '数字，可含空格。',
    'invoiceForm.aboveAvailable': '最多可申请 {available}。',
    'invoiceForm.nothingAvailable':
      '暂无可开票金额：发票按实际支付的现金开具（费用、预付卡和订单），目前已支付的金额均已开票。有新的支付后即可申请。',
    'invoiceForm.nothingAvailablePending':
      '暂无可再申请的金额：{pending} 已申请，等待计费中心开具。如需调整，可先撤销待处理的申请。',
    'invoiceDetail.open': '详情',
    'invoiceDetail.openOf': '（{time} 的申请）',
    'invoiceDetail.cancel': '撤销申请',
    'invoiceDetail.cancelOf': '（{amount}）',
    'invoiceDetail.back': '← 全部发票',
    'invoiceDetail.titleIssued': '发票 {number}',
    'invoiceDetail.titleRequest': '发票申请',
    'invoiceDetail.status': '状态',
    'invoiceDetail.number': '发票号码',
    'invoiceDetail.issuedOn': '开票日期',
    'invoiceDetail.historyTitle': '状态记录',
  },
};
