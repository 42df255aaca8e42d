/** Runway (overview and workspaces), in English and Chinese. Both languages carry every key. */
import type { PageDictionary } from './index.ts';

export const runway: PageDictionary = {
  en: {
    'runway.title': 'How long the money lasts',
    'runway.lasts': 'Lasts about {days} days, until {until} at this rate',
    'runway.lastsOne': 'Lasts about 1 day, until {until} at this rate',
    'runway.today': 'Runs out today ({until}) at this rate',
    'runway.noEnd': 'No end in sight at this rate',
    'runway.daily7': 'Average daily spend, last 7 days',
    'runway.daily30': 'Average daily spend, last 30 days',
    'runway30.lasts': 'At the last 30 days’ rate: about {days} days, until {until}',
    'runway30.lastsOne': 'At the last 30 days’ rate: about 1 day, until {until}',
    'runway30.today': 'At the last 30 days’ rate: runs out today ({until})',
    'runway30.noEnd': 'At the last 30 days’ rate: no end in sight',
    'runway.usable': 'Usable money',
    'runway.explain':
      'By billing period. SMS and dial testing cannot use vouchers; a cloud-account ' +
      "workspace's charges go to its cloud account once its vouchers and cards run out, so " +
      'they never use cash. Vouchers and cards count only until they expire.',
    'runway.workspace': 'Runway',
    'runway.workspaceDaily': '{daily7} a day (7 days) · {daily30} a day (30 days)',
    'runway.cloudEnd': 'Vouchers and cards cover it: {text}; then its cloud account pays',
  },
  zh: {
    'runway.title': '余额可用时长',
    'runway.lasts': '按当前速度约可用 {days} 天，至 {until}',
    'runway.lastsOne': '按当前速度约可用 1 天，至 {until}',
    'runway.today': '按当前速度今天（{until}）即将用完',
    'runway.noEnd': '按当前速度暂无用完之虞',
    'runway.daily7': '近 7 天日均消费',
    'runway.daily30': '近 30 天日均消费',
    'runway30.lasts': '按近 30 天速度约可用 {days} 天，至 {until}',
    'runway30.lastsOne': '按近 30 天速度约可用 1 天，至 {until}',
    'runway30.today': '按近 30 天速度今天（{until}）即将用完',
    'runway30.noEnd': '按近 30 天速度暂无用完之虞',
    'runway.usable': '可用金额',
    'runway.explain':
      '按账期计算。短信和拨测不能使用代金券；云账号结算的工作空间在代金券和预付卡用完后由其云账号支付，' +
      '不会使用现金。代金券和预付卡只计算到其到期为止。',
    'runway.workspace': '可用时长',
    'runway.workspaceDaily': '日均 {daily7}（近 7 天）· 日均 {daily30}（近 30 天）',
    'runway.cloudEnd': '代金券和预付卡可覆盖：{text}；之后由云账号支付',
  },
};
