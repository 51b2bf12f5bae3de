// The facts list of the HTML header: adoption (date, plenary meeting, resulting resolution) and vote,
// read from <meta> (render/facts.ts). The sponsors are printed in the preface already. Words per language.
// Reads: DocumentFacts.   Writes: a hast element, or nothing when no fact is known.
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { DocumentFacts } from '../facts.js';

interface FactLabels {
  lang: string;
  adoption: string;
  plenaryMeeting: string;
  adoptedAs: string;
  vote: string;
  inFavour: string;
  against: string;
  abstaining: string;
}

const FACT_LABELS: Readonly<Record<string, FactLabels>> = {
  en: { lang: 'en', adoption: 'Adopted', plenaryMeeting: 'plenary meeting', adoptedAs: 'Adopted as', vote: 'Recorded vote', inFavour: 'in favour', against: 'against', abstaining: 'abstentions' },
  fr: { lang: 'fr', adoption: 'Adopté', plenaryMeeting: 'séance plénière', adoptedAs: 'Adopté sous la cote', vote: 'Vote enregistré', inFavour: 'voix pour', against: 'voix contre', abstaining: 'abstentions' },
  es: { lang: 'es', adoption: 'Aprobado', plenaryMeeting: 'sesión plenaria', adoptedAs: 'Aprobado como', vote: 'Votación registrada', inFavour: 'votos a favor', against: 'votos en contra', abstaining: 'abstenciones' },
  ru: { lang: 'ru', adoption: 'Принят', plenaryMeeting: 'пленарное заседание', adoptedAs: 'Принят как', vote: 'Заносимое в отчет голосование', inFavour: 'за', against: 'против', abstaining: 'воздержались' },
  ar: { lang: 'ar', adoption: 'اعتمد', plenaryMeeting: 'الجلسة العامة', adoptedAs: 'اعتمد بوصفه', vote: 'تصويت مسجل', inFavour: 'مؤيدون', against: 'معارضون', abstaining: 'ممتنعون' },
  zh: { lang: 'zh', adoption: '通过日期', plenaryMeeting: '全体会议', adoptedAs: '通过后文号', vote: '记录表决', inFavour: '票赞成', against: '票反对', abstaining: '票弃权' },
};

/** `<dl class="akn-facts">` with what is known, or undefined. */
export function factsList(facts: DocumentFacts, documentLanguage: string): Element | undefined {
  const labels = FACT_LABELS[documentLanguage.split('-')[0]!.toLowerCase()] ?? FACT_LABELS['en']!;
  const lang = labels.lang !== documentLanguage ? { lang: labels.lang } : {};
  const rows: Element[] = [];
  if (facts.adoptionDate || facts.plenaryMeeting !== undefined) {
    const parts: Array<Element | string> = [];
    if (facts.adoptionDate) parts.push(h('time', { dateTime: facts.adoptionDate }, facts.adoptionDate));
    if (facts.plenaryMeeting !== undefined) parts.push(`${parts.length ? ', ' : ''}${labels.plenaryMeeting} ${facts.plenaryMeeting}`);
    rows.push(h('dt', lang, labels.adoption), h('dd', { className: ['akn-facts-adoption'] }, parts));
  }
  if (facts.adoptedAs) rows.push(h('dt', lang, labels.adoptedAs), h('dd', { className: ['akn-facts-adopted-as'] }, facts.adoptedAs));
  if (facts.vote) {
    const { inFavour, against, abstaining } = facts.vote;
    rows.push(
      h('dt', lang, labels.vote),
      h('dd', { className: ['akn-facts-vote'], dataInFavour: String(inFavour), dataAgainst: String(against), dataAbstaining: String(abstaining) }, [
        `${inFavour} ${labels.inFavour}, ${against} ${labels.against}, ${abstaining} ${labels.abstaining}`,
      ]),
    );
  }
  if (rows.length === 0) return undefined;
  return h('dl', { className: ['akn-facts'] }, rows);
}
