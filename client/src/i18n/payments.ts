/** How online top-ups are paid on this server: the sandbox banner, "not configured", recheck. */
export const payments = {
  en: {
    'payments.sandboxBanner': 'Sandbox payments — not real money.',
    'payments.sandboxHint':
      'This server pays top-ups on its local sandbox page; no money moves and nothing is charged.',
    'payments.notConfigured':
      'Online top-up is not available: this server has no payment provider configured. ' +
      'Top up by bank transfer, or ask the billing center to configure Alipay.',
    'payments.recheck': 'I have paid — check payment',
    'payments.rechecking': 'Checking…',
  },
  zh: {
    'payments.sandboxBanner': '沙箱支付——非真实资金。',
    'payments.sandboxHint': '本服务器使用本地沙箱页面完成充值支付，不会产生任何真实扣款。',
    'payments.notConfigured':
      '暂不支持在线充值：本服务器未配置支付渠道。请通过银行转账充值，或联系计费中心配置支付宝。',
    'payments.recheck': '我已支付，查询支付结果',
    'payments.rechecking': '查询中…',
  },
};
