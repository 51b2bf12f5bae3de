// The publication's CSS: a UN document typeset for screen and for A4 print; no web font, no image,
// no url() (the HTML must not request anything). Classes are the renderer's `akn-<element>` names.
// Reads: nothing.   Writes: CSS text for the inline <style> (HTML) and style.css (EPUB).

/** Typography and layout shared by the HTML file and the EPUB. */
const BASE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4d4d4d; --rule: #1a1a1a; --hairline: #c4c4c4;
  --link: #0b4f8a; --paper: #ffffff; --hang: 2.75em; }
body.akn-publication { color: var(--ink); background: var(--paper);
  font-family: "Times New Roman", Tinos, "Liberation Serif", "Nimbus Roman", "DejaVu Serif", serif;
  line-height: 1.5; font-kerning: normal; font-variant-numeric: lining-nums; overflow-wrap: break-word; }
:lang(ar) body.akn-publication, body.akn-publication:lang(ar) { font-family: "Noto Naskh Arabic", Amiri, "Traditional Arabic",
  "Times New Roman", "DejaVu Sans", serif; line-height: 1.8; }
:lang(zh) body.akn-publication, body.akn-publication:lang(zh) { font-family: "Noto Serif CJK SC", "Source Han Serif SC", SimSun,
  "Songti SC", serif; }
/* Chinese and Arabic print do not slant the opening phrases. */
i:lang(zh), i:lang(ar) { font-style: normal; }
i:lang(zh) { font-family: KaiTi, STKaiti, "AR PL UKai CN", serif; }

a { color: var(--link); text-decoration: underline; text-decoration-thickness: 1px; text-underline-offset: .15em; }
sup { line-height: 0; }
p { margin: 0 0 .75em; }
h1, h2, h3, h4, h5, h6 { line-height: 1.3; }

/* Identity line: symbol, body, session, status (from the metadata). */
.akn-identity { list-style: none; margin: 0 0 1.25rem; padding: 0 0 .35rem; display: flex; flex-wrap: wrap;
  font-size: .8rem; font-variant: small-caps; letter-spacing: .05em; color: var(--muted);
  border-bottom: 1px solid var(--hairline); }
.akn-identity li + li::before { content: "\\00B7"; content: "\\00B7" / ""; margin-inline: .6em; }
.akn-identity-symbol { font-variant: normal; font-weight: bold; color: var(--ink); letter-spacing: 0; }
/* Without a cover page the identity line is the masthead. */
.akn-without-coverPage .akn-identity { font-size: 1rem; border-bottom: 3px solid var(--rule); padding-bottom: .5rem; }

/* Masthead (coverPage): issuing body and organ on the left, symbol, distribution and date on the right.
   A line's role comes from the inlines it holds (data-akn-holds), so any tool's cover page lays out. */
.akn-coverPage, .akn-coverPage > .akn-container { display: grid; grid-template-columns: minmax(0, 1fr) auto;
  grid-auto-flow: row dense; align-items: baseline; }
.akn-coverPage { border-bottom: 3px solid var(--rule); padding-bottom: .6rem; margin-bottom: 1.75rem; }
.akn-coverPage > .akn-container { grid-column: 1 / -1; }
.akn-coverPage p { margin: 0; grid-column: 1; }
.akn-coverPage p[data-akn-holds~="docNumber"], .akn-coverPage p[data-akn-holds~="distribution"],
.akn-coverPage p[data-akn-holds~="docDate"] { grid-column: 2; text-align: end; padding-inline-start: 2rem; }
.akn-coverPage p[data-akn-holds~="docNumber"], .akn-coverPage > p:first-child,
.akn-coverPage > .akn-container > p:first-child { border-bottom: 1px solid var(--rule); padding-bottom: .35rem;
  margin-bottom: .6rem; align-self: end; }
.akn-coverPage p[data-akn-holds~="docNumber"][data-akn-holds~="text"] { grid-column: 1 / -1; display: flex;
  align-items: baseline; padding-inline-start: 0; }
.akn-coverPage p[data-akn-holds~="docNumber"][data-akn-holds~="text"] > .akn-docNumber { margin-inline-start: auto; }
.akn-coverPage .akn-docNumber { font-size: 1.3em; font-weight: bold; letter-spacing: .02em; }
.akn-coverPage .akn-docAuthority { font-size: 1.8em; font-weight: bold; line-height: 1.2; }
.akn-coverPage > p:first-child .akn-docAuthority,
.akn-coverPage > .akn-container > p:first-child .akn-docAuthority { font-size: 1em; font-weight: normal; }

/* Facts from the metadata (adoption, vote): a compact list under the identity line. */
.akn-facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0 0 1rem; font-size: .9rem; }
.akn-facts dt { color: var(--muted); }
.akn-facts dd { margin: 0; }

/* Preface: the adoption line, the committee line, the numbered title. */
.akn-preface { margin: 0 0 1.75rem; }
.akn-preface [data-akn-name="adoption"] > p:first-child { font-weight: bold; }
.akn-title { font-size: 1.3em; font-weight: bold; margin: 1.25rem 0 1.5rem; }
.akn-doc-header { text-align: center; margin-bottom: 1.5rem; }
.akn-doc-header .akn-title { font-size: 1.15em; margin: .25rem 0 1rem; }
.akn-doc-header p { margin: 0 0 .25rem; }

/* Preamble: formula and recitals with a first-line indent; the opening participle is the <i>. */
.akn-formula > p, .akn-preamble .akn-container > p, .akn-preamble .akn-blockList > .akn-listIntroduction {
  text-indent: var(--hang); }
.akn-preamble .akn-container { margin: 0 0 .75em; }
.akn-preamble .akn-container > :last-child { margin-bottom: 0; }
/* Lettered items of a recital start at the recital's indent (AKN4UN Part 1 §4.5.3 blockList). */
.akn-preamble ol.akn-items { margin-inline-start: var(--hang); }

/* Operative paragraphs and their sub-items: the number as printed hangs in its own column. */
.akn-hier.akn-numbered { display: grid; grid-template-columns: var(--hang) minmax(0, 1fr); margin: 0 0 .75em; }
.akn-hier.akn-numbered > .akn-num { grid-column: 1; }
.akn-hier.akn-numbered > .akn-hier-body { grid-column: 2; }
.akn-hier-body > :first-child, .akn-hier-body > :first-child > :first-child { margin-top: 0; }
.akn-hier-body > :last-child, .akn-content > p:last-child { margin-bottom: 0; }
.akn-hier.akn-unnumbered { margin: 0 0 .75em; }
.akn-intro > p { margin-bottom: .5em; }
ol.akn-points, ol.akn-items { list-style: none; margin: .5em 0 0; padding: 0; }
li.akn-hier.akn-numbered { margin: 0 0 .5em; }
li.akn-hier.akn-numbered:last-child { margin-bottom: 0; }
.akn-wrapUp { margin-top: .5em; }
section.akn-hier > .akn-heading-line { text-align: center; font-size: 1.1em; font-weight: bold; margin: 2rem 0 1rem; }
/* As printed: the number ("I", "Article 1") on its own line above the heading. */
section.akn-hier > .akn-heading-line > .akn-num { display: block; }
.akn-heading { font-weight: bold; }
h1.akn-heading, h2.akn-heading, h3.akn-heading, h4.akn-heading, h5.akn-heading, h6.akn-heading {
  font-size: 1.05em; margin: 1.25rem 0 .5rem; }
.akn-crossHeading { font-style: italic; text-align: center; }
blockquote { margin: .75em var(--hang); }

/* Conclusions: meeting and date, set to the end of the line as in print. */
.akn-conclusions { margin: 2.5rem 0 0 auto; width: fit-content; min-width: 12rem; }
.akn-conclusions p { margin: 0; }

/* Annexes */
.akn-attachment { margin-top: 3rem; padding-top: 2rem; border-top: 1px solid var(--hairline); }
.akn-attachment > .akn-heading-line { text-align: center; }

/* Notes, as at the foot of a UN page: a short rule, smaller type, the marker hanging. */
.akn-notes { margin-top: 3rem; font-size: .875em; line-height: 1.4; }
.akn-notes::before { content: ""; display: block; width: 10rem; border-top: 1px solid var(--ink); margin-bottom: .75rem; }
.akn-notes-heading { font-size: .85rem; font-weight: normal; font-variant: small-caps; letter-spacing: .06em;
  color: var(--muted); margin: 0 0 .5rem; }
.akn-footnote { display: grid; grid-template-columns: minmax(1.5em, max-content) minmax(0, 1fr); column-gap: .5em;
  margin: 0 0 .4em; }
.akn-note-marker { grid-column: 1; }
.akn-note-body { grid-column: 2; }
.akn-note-body > p { margin: 0; }
.akn-note-body > p:last-of-type { display: inline; }
.akn-backlinks { margin-inline-start: .4em; white-space: nowrap; }
.akn-backlink { padding-inline: .15em; }
.akn-noteref { padding-inline: .05em; }

/* Tables in annexes */
table { border-collapse: collapse; margin: .75em 0; }
th, td { border: 1px solid var(--hairline); padding: .25em .5em; vertical-align: top; text-align: start; }
th > p:last-child, td > p:last-child { margin-bottom: 0; }
.akn-block { display: block; }

/* Table of contents */
.akn-toc { border: 1px solid var(--hairline); background: #fafaf7; padding: .75rem 1.25rem; margin: 0 0 2rem;
  font-size: .95rem; }
.akn-toc h2 { font-size: .9rem; font-variant: small-caps; letter-spacing: .06em; margin: 0 0 .4rem; }
.akn-toc ol { list-style: none; margin: .15rem 0; padding-inline-start: 1.25rem; }
.akn-toc > ol { padding-inline-start: 0; }
.akn-toc li { margin: .15rem 0; }
.akn-toc summary { cursor: pointer; color: var(--muted); }
:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }

/* Language switcher and collection links (only in a collection's pages). */
.akn-collection-nav { font-family: system-ui, "DejaVu Sans", sans-serif; font-size: .95rem; margin: 0 0 1.5rem;
  padding-bottom: .5rem; border-bottom: 1px solid var(--hairline); }
.akn-collection-heading { font-size: .85rem; font-weight: normal; color: var(--muted); margin: 0 0 .25rem; }
.akn-collection-nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.1rem; }
.akn-collection-nav ul + ul { margin-top: .4rem; }
.akn-languages a[aria-current] { color: var(--ink); font-weight: bold; text-decoration: none; }
`;

/** The HTML file on screen: the document as a sheet on a tinted desk. */
const SCREEN = `
html { background: #eeede8; }
body.akn-publication { font-size: 1.125rem; max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
@media screen and (min-width: 52rem) {
  body.akn-publication { margin: 2rem auto; padding: 3rem 3.75rem 4rem; box-shadow: 0 1px 4px rgba(0, 0, 0, .18); }
}
`;

/** A4 pages with their number at the foot (HTML only: EPUB readers paginate themselves). */
const PAGE = `
@page { size: A4; margin: 22mm 20mm 24mm;
  @bottom-center { content: counter(page); font-size: 9pt; } }
`;

/**
 * Print: no breaks inside recitals, sub-items, notes and the masthead; widows and orphans of 3 keep
 * short operative paragraphs (five lines or fewer) whole; annexes start a page; readable notes.
 */
const PRINT = `
@media print {
  html { background: none; }
  body.akn-publication { max-width: none; margin: 0; padding: 0; box-shadow: none; font-size: 11.5pt;
    line-height: 1.35; text-align: justify; }
  .akn-toc, .akn-backlinks, .akn-collection-nav { display: none; }
  a { color: inherit; text-decoration: none; }
  p, li { orphans: 3; widows: 3; }
  h1, h2, h3, h4, h5, h6, .akn-heading-line, .akn-formula, .akn-intro, .akn-listIntroduction { break-after: avoid-page; }
  .akn-coverPage, .akn-preface, .akn-preamble .akn-container, li.akn-hier, .akn-footnote,
  .akn-conclusions { break-inside: avoid-page; }
  .akn-attachment { break-before: page; border-top: 0; margin-top: 0; padding-top: 0; }
  .akn-notes { font-size: 9.5pt; }
  .akn-coverPage p, .akn-conclusions, .akn-title, .akn-heading-line { text-align: start; }
}
`;

/** CSS for a target: `html` (inline in the standalone file) or `epub` (style.css; the reader sets margins). */
export function stylesheet(target: 'html' | 'epub'): string {
  return (target === 'html' ? BASE + SCREEN + PAGE + PRINT : BASE + PRINT).trim() + '\n';
}
