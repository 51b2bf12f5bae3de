// Chinese: the vocabulary of UN resolutions as printed in Chinese (大会, 安全理事会).
// Chinese has no spaces between words: a phrase is followed directly by its object ("回顾其第70/1号决议"), and
// "又" / "还" in front of a verb make "also" / "further" ("又回顾", "还决定"). Punctuation is full-width ("，" "；"
// "。"); some texts (the UDHR) use the ASCII "," and ";", so both are listed.
import { chineseOrdinals } from './ordinals.js';
import { languageTable, type LanguageTable, type PhraseTable } from './types.js';

/** The recital openings of UN Chinese texts (also read by `recitalOpening` below). */
const preambularPhrases: PhraseTable = [
  ['回顾', 'recalling'],
  ['又回顾', 'recallingAlso'],
  ['还回顾', 'recallingFurther'],
  ['重申', 'reaffirming'],
  ['又重申', 'reaffirmingAlso'],
  ['还重申', 'reaffirmingFurther'],
  ['欢迎', 'welcoming'],
  ['又欢迎', 'welcomingAlso'],
  ['还欢迎', 'welcomingFurther'],
  ['注意到', 'takingNote'],
  ['又注意到', 'takingNoteAlso'],
  ['还注意到', 'notingFurther'],
  ['赞赏地注意到', 'takingNoteWithAppreciation'],
  ['满意地注意到', 'notingWithSatisfaction'],
  ['关切地注意到', 'notingWithConcern'],
  ['严重关切地注意到', 'notingWithGraveConcern'],
  ['考虑到', 'takingIntoAccount'],
  ['审议了', 'havingConsidered'],
  ['铭记', 'bearingInMind'],
  ['认为', 'considering'],
  ['深信', 'convinced'],
  ['强调', 'emphasizing'],
  ['又强调', 'emphasizingAlso'],
  ['强调指出', 'stressing'],
  ['着重指出', 'underlining'],
  ['确认', 'recognizing'],
  ['又确认', 'recognizingAlso'],
  ['认识到', 'recognizing'],
  ['承认', 'acknowledging'],
  ['意识到', 'conscious'],
  ['知道', 'aware'],
  ['念及', 'mindful'],
  ['深为关切', 'deeplyConcerned'],
  ['严重关切', 'gravelyConcerned'],
  ['关切', 'concerned'],
  ['震惊', 'alarmed'],
  ['深感震惊', 'deeplyAlarmed'],
  ['表示', 'expressing'],
  ['表示关切', 'expressingConcern'],
  ['表示严重关切', 'expressingGraveConcern'],
  ['表示赞赏', 'expressingAppreciation'],
  ['申明', 'affirming'],
  ['决心', 'determined'],
  ['遵循', 'guidedBy'],
  ['谴责', 'condemning'],
  ['强烈谴责', 'stronglyCondemning'],
  ['根据《联合国宪章》第七章采取行动', 'acting'],
  ['根据《宪章》第七章采取行动', 'acting'],
  ['痛惜', 'deploring'],
  ['鼓励', 'encouraging'],
  ['吁请', 'callingUpon'],
  ['呼吁', 'calling'],
  ['赞扬', 'commending'],
  ['遗憾', 'regretting'],
  ['突出强调', 'highlighting'],
  ['相信', 'believing'],
  ['希望', 'desiring'],
  // The UDHR's "Whereas".
  ['鉴于', 'whereas'],
];

export const chinese: LanguageTable = languageTable({
  code: 'zh',
  iso639_2: 'zho',
  name: '中文',
  dir: 'ltr',

  formulas: [
    ['大会，', 'un-ga'],
    ['大会,', 'un-ga'],
    ['大会', 'un-ga'],
    // The UDHR: "因此现在，大会，发布这一世界人权宣言" ("Now, therefore, the General Assembly proclaims").
    ['因此现在，大会，', 'un-ga'],
    ['因此现在,大会,', 'un-ga'],
    ['安全理事会，', 'un-sc'],
    ['安全理事会,', 'un-sc'],
    ['经济及社会理事会，', 'un-ecosoc'],
    ['人权理事会，', 'un-hrc'],
  ],
  preambularPhrases,
  /**
   * A recital opening the table does not list: "又" (also), "还" (further), "再次" (again) or "进一步" (further)
   * before a verb of the table ("还强调", "又深信", "再次确认"), as the UN writes an added recital. Not "并" or
   * "也": they join clauses inside a sentence ("…，并强调…").
   */
  // Headings as the Chinese versions number them: Chinese numerals for the roman level ("一.", "二、"…); the
  // capital-letter level keeps Latin letters ("A. 报告").
  headingNumbers: {
    sections: ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'],
  },
  recitalOpening: `^(?:又|还|再次|进一步)(?:${preambularPhrases
    .map(([phrase]) => phrase)
    .filter((phrase) => !/^[又还]/u.test(phrase))
    .sort((a, b) => b.length - a.length)
    .map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})`,
  operativePhrases: [
    ['注意到', 'takesNote'],
    ['赞赏地注意到', 'takesNoteWithAppreciation'],
    ['又注意到', 'alsoTakesNote'],
    ['敦促', 'urges'],
    ['促请', 'urges'],
    ['强烈敦促', 'urges'],
    ['指出', 'notes'],
    ['满意地注意到', 'notesWithAppreciation'],
    ['关切地注意到', 'notesWithConcern'],
    ['又指出', 'alsoNotes'],
    ['还注意到', 'furtherNotes'],
    ['申明', 'affirms'],
    ['重申', 'reaffirms'],
    ['请', 'requests'],
    ['又请', 'alsoRequests'],
    ['还请', 'furtherRequests'],
    ['欢迎', 'welcomes'],
    ['又欢迎', 'alsoWelcomes'],
    ['还欢迎', 'furtherWelcomes'],
    ['邀请', 'invites'],
    ['又邀请', 'alsoInvites'],
    ['鼓励', 'encourages'],
    ['又鼓励', 'alsoEncourages'],
    ['还鼓励', 'furtherEncourages'],
    ['大力鼓励', 'encourages'],
    ['表示', 'expresses'],
    ['表示赞赏', 'expressesAppreciation'],
    ['决定', 'decides'],
    ['又决定', 'alsoDecides'],
    ['还决定', 'furtherDecides'],
    ['吁请', 'callsUpon'],
    ['又吁请', 'alsoCallsUpon'],
    ['呼吁', 'callsFor'],
    ['要求', 'demands'],
    ['强调', 'emphasizes'],
    ['着重指出', 'underlines'],
    ['回顾', 'recalls'],
    ['认为', 'considers'],
    ['确认', 'recognizes'],
    ['承认', 'acknowledges'],
    ['谴责', 'condemns'],
    ['强烈谴责', 'condemns'],
    ['核准', 'approves'],
    ['通过', 'adopts'],
    ['宣布', 'proclaims'],
    // The UDHR: "发布这一世界人权宣言".
    ['发布', 'proclaims'],
    ['声明', 'declares'],
    ['授权', 'authorizes'],
    ['痛惜', 'deplores'],
    ['赞同', 'endorses'],
    ['赞扬', 'commends'],
    ['支持', 'supports'],
    ['延长', 'extends'],
  ],

  // Month names written in Chinese numerals; dates in UN documents use Arabic digits ("1982年10月22日").
  months: {
    '一月': 1, '二月': 2, '三月': 3, '四月': 4, '五月': 5, '六月': 6,
    '七月': 7, '八月': 8, '九月': 9, '十月': 10, '十一月': 11, '十二月': 12,
  },
  // "1982年10月22日"; full-width digits are accepted (normalise them before reading the numbers).
  datePatterns: ['(?<year>[0-9０-９]{4})\\s*年\\s*(?<month>[0-9０-９]{1,2})\\s*月\\s*(?<day>[0-9０-９]{1,2})\\s*日'],
  sessionOrdinals: chineseOrdinals,
  // "第七十三届会议"
  sessionPattern: '^第(?<ordinal>[一二三四五六七八九十]+)届会议$',
  // "议程项目30", "议程项目30和31"
  agendaItemPattern: '^议程项目\\s*(?<item>\\d+[\\p{L}\\d ()]*?)$',
  // "第33次全体会议"
  plenaryMeetingPattern: '^第(?<number>\\d+)次全体会议',
  // "大会2018年10月22日通过的决议"; SC: "2018年2月24日安全理事会第8188次会议通过"
  adoptionLinePattern: '^(?:(?:\\d{4}年\\d{1,2}月\\d{1,2}日)?大会.*通过的决议|.*安全理事会第\\d+次会议通过)',
  resolutionNumberPattern: '^第(?<number>\\d{1,4} ?\\(\\d{4}\\))号决议$',
  annexWords: ['附件'],
  articleWords: ['条'],
  firstWords: ['一'],
  // "第一条", "第三十条": the number sits inside the heading word; `num` is a Chinese numeral (see chineseOrdinals).
  articleHeadingPattern: '^第(?<num>[一二三四五六七八九十百零〇]+|\\d+)条$',
  preambleHeadings: ['序言'],
  draftWords: ['决议草案'],
  masthead: {
    organization: ['联合国'],
    organs: [['大会', 'un-ga'], ['安全理事会', 'un-sc'], ['经济及社会理事会', 'un-ecosoc']],
    committees: ['第一委员会', '第二委员会', '第三委员会', '第四委员会', '第五委员会', '第六委员会'],
    originalLabels: ['Original', '原文'],
    languageNames: ['中文'],
  },
  conjunctions: { and: ['和', '及'], list: ['和', '或'] },

  ordinalSuffixes: {},
  spaceBefore: '',
  spaceAfter: '',
  recitalEnd: '，,',
  operativeEnd: '；;。.',

  roles: [
    ['秘书长', 'secretaryGeneral'],
  ],
  organizations: [
    ['联合国', 'un'],
    ['伊斯兰合作组织', 'oic'],
    ['非洲联盟', 'au'],
    ['欧洲联盟', 'eu'],
    ['欧洲安全与合作组织', 'osce'],
    ['大会', 'un-ga'],
    ['安全理事会', 'un-sc'],
    ['经济及社会理事会', 'un-ecosoc'],
    ['人权理事会', 'un-hrc'],
  ],

  // Words of one or two characters; Chinese splits no words with spaces, so these only help detection.
  commonWords: [
    '的', '和', '与', '及', '在', '对', '为', '并', '其', '以', '于', '中', '等', '各', '或', '不', '应', '有', '是', '这',
    '联合国', '大会', '决议', '会议', '报告', '发展', '合作', '和平', '安全', '人权', '妇女', '国家', '会员国', '方案',
    '活动', '执行', '国际', '秘书长', '权利', '自由',
  ],
  decimalSeparator: '.',
  numberJoiners: ['和', '或', '至'],
  // "第" makes an ordinal of the number after it: paragraphs, resolutions, sessions ("第1段", "第74/134号决议").
  numberPrefixes: ['第'],
});
