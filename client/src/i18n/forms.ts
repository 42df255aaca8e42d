/**
 * Texts of the forms that refuse what must fail before it is sent (card purchase, invoice
 * request, settlement method, top-up), the invoice detail page, and the guarded routes.
 */
import type { PageDictionary } from './index.ts';

export const forms: PageDictionary = {
  en: {
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
    'invoiceForm.reason.required': 'Fill this in.',
    'invoiceForm.reason.requiredSpecial': 'A special VAT invoice needs this.',
    'invoiceForm.reason.taxId': 'Enter 15, 18 or 20 digits or capital letters.',
    'invoiceForm.reason.phone': 'Enter a phone number, e.g. 021-12345678.',
    'invoiceForm.reason.bankAccount': 'Enter 8 to 40 digits.',
    'invoiceForm.reason.email': 'Enter an email address.',
    'invoiceForm.reason.tooLong': 'This is too long: at most 200 characters.',
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
    'invoiceForm.reason.required': '请填写此项。',
    'invoiceForm.reason.requiredSpecial': '增值税专用发票需要填写此项。',
    'invoiceForm.reason.taxId': '请输入 15、18 或 20 位数字或大写字母。',
    'invoiceForm.reason.phone': '请输入电话号码，例如 021-12345678。',
    'invoiceForm.reason.bankAccount': '请输入 8 至 40 位数字。',
    'invoiceForm.reason.email': '请输入邮箱地址。',
    'invoiceForm.reason.tooLong': '内容过长：最多 200 个字符。',
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
