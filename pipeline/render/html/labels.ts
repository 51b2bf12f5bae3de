// The few words the publications add around the AKN text (navigation, notes, status), per language.
// Data only: adding a language means adding one entry. Keys are BCP 47 primary subtags.
import { RTL_LANGUAGES } from './metadata.js';

export interface Labels {
  /** The language these labels are in (English is the fallback, so it may differ from the document's). */
  lang: string;
  /** Heading of the table of contents. */
  contents: string;
  /** Table-of-contents entries for the parts that have no printed heading. */
  preamble: string;
  operativePart: string;
  annexes: string;
  annex: string;
  conclusions: string;
  notes: string;
  /** Summary line of the collapsed list of operative paragraphs in the HTML contents. */
  paragraphs: string;
  /** Accessible name of a footnote back-link. */
  backToText: string;
  /** EPUB landmarks: heading and entries. */
  landmarks: string;
  startOfText: string;
  /** Heading of the language switcher (the other language versions of the same text). */
  languageVersions: string;
  /** Heading of the collection links when there is no other language. */
  collection: string;
  /** Document status, keyed by statement/@name. */
  status: Readonly<Record<string, string>>;
}

const LABELS: Readonly<Record<string, Labels>> = {
  en: {
    lang: 'en', languageVersions: 'Language versions', collection: 'Collection', contents: 'Contents', preamble: 'Preamble', operativePart: 'Operative part', annexes: 'Annexes',
    annex: 'Annex', conclusions: 'Adoption', notes: 'Notes', paragraphs: 'Paragraphs',
    backToText: 'Back to text', landmarks: 'Landmarks', startOfText: 'Start of text',
    status: { resolution: 'Resolution', resolutionDraft: 'Draft resolution', decision: 'Decision', decisionDraft: 'Draft decision' },
  },
  fr: {
    lang: 'fr', languageVersions: 'Versions linguistiques', collection: 'Collection', contents: 'Table des matières', preamble: 'Préambule', operativePart: 'Dispositif', annexes: 'Annexes',
    annex: 'Annexe', conclusions: 'Adoption', notes: 'Notes', paragraphs: 'Paragraphes',
    backToText: 'Retour au texte', landmarks: 'Repères', startOfText: 'Début du texte',
    status: { resolution: 'Résolution', resolutionDraft: 'Projet de résolution', decision: 'Décision', decisionDraft: 'Projet de décision' },
  },
  es: {
    lang: 'es', languageVersions: 'Versiones lingüísticas', collection: 'Colección', contents: 'Índice', preamble: 'Preámbulo', operativePart: 'Parte dispositiva', annexes: 'Anexos',
    annex: 'Anexo', conclusions: 'Aprobación', notes: 'Notas', paragraphs: 'Párrafos',
    backToText: 'Volver al texto', landmarks: 'Puntos de referencia', startOfText: 'Inicio del texto',
    status: { resolution: 'Resolución', resolutionDraft: 'Proyecto de resolución', decision: 'Decisión', decisionDraft: 'Proyecto de decisión' },
  },
  ru: {
    lang: 'ru', languageVersions: 'Языковые версии', collection: 'Коллекция', contents: 'Содержание', preamble: 'Преамбула', operativePart: 'Постановляющая часть', annexes: 'Приложения',
    annex: 'Приложение', conclusions: 'Принятие', notes: 'Примечания', paragraphs: 'Пункты',
    backToText: 'Вернуться к тексту', landmarks: 'Ориентиры', startOfText: 'Начало текста',
    status: { resolution: 'Резолюция', resolutionDraft: 'Проект резолюции', decision: 'Решение', decisionDraft: 'Проект решения' },
  },
  ar: {
    lang: 'ar', languageVersions: 'النسخ اللغوية', collection: 'المجموعة', contents: 'المحتويات', preamble: 'الديباجة', operativePart: 'المنطوق', annexes: 'المرفقات',
    annex: 'المرفق', conclusions: 'الاعتماد', notes: 'الحواشي', paragraphs: 'الفقرات',
    backToText: 'العودة إلى النص', landmarks: 'المعالم', startOfText: 'بداية النص',
    status: { resolution: 'قرار', resolutionDraft: 'مشروع قرار', decision: 'مقرر', decisionDraft: 'مشروع مقرر' },
  },
  zh: {
    lang: 'zh', languageVersions: '语文版本', collection: '文集', contents: '目录', preamble: '序言', operativePart: '执行部分', annexes: '附件',
    annex: '附件', conclusions: '通过', notes: '注', paragraphs: '段落',
    backToText: '返回正文', landmarks: '导航标志', startOfText: '正文开始',
    status: { resolution: '决议', resolutionDraft: '决议草案', decision: '决定', decisionDraft: '决定草案' },
  },
};

/** Labels for a BCP 47 tag; English when the language has no table (the text itself is never translated). */
export function labelsFor(bcp47: string): Labels {
  return LABELS[bcp47.split('-')[0]!.toLowerCase()] ?? LABELS.en!;
}

/** The status label for statement/@name, or the name itself when unknown (`akn4un:` prefix stripped). */
export function statusLabel(labels: Labels, documentName: string): string {
  const name = documentName.replace(/^akn4un:/, '');
  return labels.status[name] ?? name.charAt(0).toUpperCase() + name.slice(1);
}

/** Each language's name in its own language and script, for the language switcher (BCP 47 primary subtags). */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English', fr: 'Français', es: 'Español', ru: 'Русский', ar: 'العربية', zh: '中文',
  de: 'Deutsch', pt: 'Português', it: 'Italiano', fa: 'فارسی', he: 'עברית', ur: 'اردو',
};

/** A language's own name (its tag when the table has none). */
export function languageName(bcp47: string): string {
  return LANGUAGE_NAMES[bcp47.split('-')[0]!.toLowerCase()] ?? bcp47;
}

/** The writing direction of a language's usual script. */
export function languageDirection(bcp47: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(bcp47.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}
