// Passwords that guessing tools try first, as far as they are 10 characters or longer (shorter ones
// fail the length rule anyway): the top of the public leak lists (RockYou, the CSDN and 12306 leaks
// of 2011 and 2014, SplashData's yearly lists), keyboard walks, number runs, pinyin and 520/1314
// love numbers (我爱你一生一世) that Chinese users favour, and this product's own names, the demo
// password first. Compared lower-cased, so `QwertyUiop` counts as `qwertyuiop`.
export const commonPasswords: ReadonlySet<string> = new Set([
  // This product and its demo.
  'anpei-demo', 'anpei-demo1', 'anpeidemo1', 'anpei12345', 'anpei123456', 'anpei@2024', 'anpei@2025', 'anpei@2026',
  'anpei-admin', 'anpeiadmin', 'bangbang123', 'anpeiplatform',
  // Number runs and repeats.
  '1234567890', '0123456789', '12345678910', '123456789a', 'a123456789', '1234567890a', '123456789abc',
  '0987654321', '9876543210', '1111111111', '0000000000', '2222222222', '5555555555', '6666666666',
  '8888888888', '9999999999', '1212121212', '1122334455', '1234512345', '1234554321', '1357924680',
  '12345678900', '123123123123', '123456123456', '11111111111', '147258369a', '1472583690', '147258369147',
  '123456789q', 'q123456789', '123456789z', '12345qwert', '123qweasdzxc', '1qaz2wsx3edc',
  // Keyboard walks.
  'qwertyuiop', 'qwertyuiop123', 'qwerty1234', 'qwerty12345', 'qwerty123456', '1q2w3e4r5t',
  '1q2w3e4r5t6y', 'q1w2e3r4t5', 'zaq12wsxcde3', 'zxcvbnm123', 'zxcvbnm1234', 'asdfghjkl1', 'asdfghjkl;',
  'qazwsxedcrfv', 'qazwsxedc123', '1qaz2wsx3edc4rfv', '!qaz2wsx3edc', '1qaz@wsx3edc', 'qweasdzxc123',
  'asdfasdfasdf', 'qweqweqweqwe', 'poiuytrewq', 'mnbvcxzlkj', 'abcdefghij', 'abcdefg123', 'abc1234567',
  'abcd123456', 'abc123456789', 'a1b2c3d4e5', 'aaaaaaaaaa', 'aa12345678', 'aa123456789',
  // The English favourites.
  'password12', 'password123', 'password1234', 'password1!', 'passw0rd123', 'p@ssw0rd123', 'p@ssword123',
  'iloveyou12', 'iloveyou123', 'iloveyou1314', 'letmein123', 'welcome123', 'welcome@123', 'admin12345',
  'admin123456', 'admin@1234', 'admin@12345', 'administrator', 'administrator1', 'superman123',
  'football123', 'baseball123', 'sunshine123', 'princess123', 'trustno1trustno1', 'whatever123',
  'starwars123', 'dragon1234', 'monkey12345', 'shadow12345', 'master12345', 'michael123', 'charlie123',
  'changeme123', 'changeme12', 'default123', 'secret1234', 'test123456', 'testtest123', 'qwer123456',
  // The Chinese favourites: 5201314 (我爱你一生一世), 1314520, pinyin, lucky numbers.
  'woaini1314', 'woaini520520', 'woaini5201314', 'woainimama', 'woainibaobao', 'woaiwojia123', 'woaini123456',
  'woaini1234', '5201314520', '52013145201314', '1314520520', '5201314123', '520520520520', '1314131413',
  'a5201314520', 'aini1314520', 'iloveyou520', 'wangyi12345', 'zhangwei123', 'wangwei123',
  'liuyang123', 'zhang123456', 'wang123456', 'li12345678', 'chenchen123', 'huang123456', 'xiaoming123',
  'baobao1314', 'qq123456789', 'qq1234567890', 'abc5201314', 'a123456789a', 'asd123456789',
  'zxc123456789', 'qwe123456789', 'aaa123456789', 'wo5201314520', '168168168168', '888888888888',
  '666666666666', '518518518518', '1688888888', 'zhongguo123', 'zhongguo1949', 'beijing2008',
  'shanghai123', 'nihao123456', 'xiaobai123', 'dearbook123', 'mima123456', 'mima12345678',
  // Vehicle, insurance and parts words.
  'baoxian123', 'baoxian123456', 'dingsun123', 'qiche123456', 'peijian123', 'insurance1', 'insurance123',
]);
