/** The test clock banner (components/TestClockBanner.tsx). */
export const testClock = {
  en: {
    'testClock.banner': 'Test clock — not real time.',
    'testClock.detail': "The wallet's time is {time}, {ahead} ahead of real time.",
    'testClock.days': '{count} d',
    'testClock.hours': '{count} h',
    'testClock.minutes': '{count} min',
  },
  zh: {
    'testClock.banner': '测试时钟——非真实时间。',
    'testClock.detail': '钱包当前时间为 {time}，比真实时间快 {ahead}。',
    'testClock.days': '{count} 天',
    'testClock.hours': '{count} 小时',
    'testClock.minutes': '{count} 分钟',
  },
};
