// Collection, step 4: the full-text search of the site, built ahead so that it works from the files
// alone (no server, nothing fetched: the index is a script the search page loads, as is MiniSearch).
// Reads: SiteDocument units.   Writes: assets/search-index.js, assets/minisearch.js, assets/search.js.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import MiniSearch from 'minisearch';
import type { SiteDocument } from './collect.js';

/**
 * Search terms of a text. The same function runs in the browser (its source is written into
 * search.js), so the index and the queries cut words alike. It must therefore use nothing from outside
 * its own body. Accents and Arabic vowel signs are dropped (`declaration` finds `déclaration`); Arabic
 * words are also indexed without a leading article or conjunction (`كرامة` finds `والكرامة`); Chinese
 * and Japanese, written without spaces, are cut into overlapping pairs of characters.
 */
export function searchTerms(text: string, forQuery?: boolean): string[] {
  const terms: string[] = [];
  const plain = text.normalize('NFKD').replace(/[\p{M}\u0640]+/gu, '').toLowerCase();
  for (const match of plain.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    const pieces = word.split(/([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+)/u);
    for (const piece of pieces) {
      if (!piece) continue;
      if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(piece)) {
        const chars = Array.from(piece);
        if (chars.length === 1) terms.push(piece);
        for (let i = 0; i + 1 < chars.length; i++) terms.push(chars[i]! + chars[i + 1]!);
        continue;
      }
      terms.push(piece);
      if (!forQuery && /^\p{Script=Arabic}/u.test(piece)) {
        const bare = piece.replace(/^(?:وال|فال|بال|كال|لل|ال|و|ف)(?=\p{Script=Arabic}{3})/u, '');
        if (bare !== piece) terms.push(bare);
      }
    }
  }
  return terms;
}

/** One searchable piece: a unit of a document (or its title). */
interface Entry {
  id: number;
  text: string;
  /** Index of the document in the `documents` table. */
  d: number;
  /** The unit's eId (empty for the title). */
  e: string;
  /** A short extract shown in the results. */
  s: string;
}

const SNIPPET = 160;

export const SEARCH_OPTIONS = { fields: ['text'], storeFields: ['d', 'e', 's'] };

/** The index data: a script that sets `AKN_SEARCH` (documents table and the serialised MiniSearch index). */
export function searchIndexScript(documents: readonly SiteDocument[], hrefOf: (doc: SiteDocument) => string): string {
  const index = new MiniSearch<Entry>({ ...SEARCH_OPTIONS, tokenize: (text) => searchTerms(text), processTerm: (term) => term });
  const entries: Entry[] = [];
  documents.forEach((doc, d) => {
    if (doc.title) entries.push({ id: entries.length, text: doc.title, d, e: '', s: '' });
    for (const unit of doc.units) {
      const text = [unit.num, unit.heading, ...unit.blocks].filter(Boolean).join(' ');
      if (!text) continue;
      const s = unit.blocks.join(' ');
      entries.push({ id: entries.length, text, d, e: unit.eId, s: s.length > SNIPPET ? `${s.slice(0, SNIPPET)}…` : s });
    }
  });
  index.addAll(entries);
  const table = documents.map((doc) => ({ href: hrefOf(doc), symbol: doc.symbol ?? doc.stem, title: doc.title ?? '', lang: doc.lang, dir: doc.dir }));
  // JSON inside a script: `<` escaped so no text of a document can close the script element.
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
  return `"use strict";\nvar AKN_SEARCH = { documents: ${json(table)}, index: ${json(index.toJSON())} };\n`;
}

/** MiniSearch's browser build, shipped in the site (its licence travels with it). */
export function miniSearchScript(): { script: string; licence: string } {
  const require = createRequire(import.meta.url);
  // The package's exports hide its files; its root is found from the entry point upwards.
  let root = dirname(require.resolve('minisearch'));
  while (!existsSync(join(root, 'LICENSE.txt')) && dirname(root) !== root) root = dirname(root);
  return { script: readFileSync(join(root, 'dist/umd/index.js'), 'utf8'), licence: readFileSync(join(root, 'LICENSE.txt'), 'utf8') };
}

/**
 * The search page's script: reads `?q=`, searches (every word must match; words of three letters or
 * more also match as prefixes), and lists the paragraphs found, each linked to its place.
 */
export function searchPageScript(): string {
  return `"use strict";
var searchTerms = ${searchTerms.toString()};
(function () {
  var options = ${JSON.stringify(SEARCH_OPTIONS)};
  options.tokenize = function (text) { return searchTerms(text); };
  options.processTerm = function (term) { return term; };
  options.searchOptions = {
    tokenize: function (text) { return searchTerms(text, true); },
    processTerm: function (term) { return term; },
    prefix: function (term) { return term.length >= 3; },
    combineWith: 'AND'
  };
  var index = MiniSearch.loadJS(AKN_SEARCH.index, options);
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-input');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  function show(query) {
    list.textContent = '';
    if (!query.trim()) { status.textContent = ''; return; }
    var results = index.search(query).slice(0, 100);
    status.textContent = results.length === 0 ? 'No results for \\u201c' + query + '\\u201d.' :
      results.length + (results.length === 1 ? ' result' : ' results') + ' for \\u201c' + query + '\\u201d' + (results.length === 100 ? ' (the first 100)' : '') + '.';
    results.forEach(function (result) {
      var doc = AKN_SEARCH.documents[result.d];
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = doc.href + (result.e ? '#' + result.e : '');
      link.textContent = doc.symbol + (doc.title ? ' \\u2014 ' : '');
      if (doc.title) {
        var title = document.createElement('span');
        title.lang = doc.lang; title.dir = doc.dir; title.textContent = doc.title;
        link.appendChild(title);
      }
      item.appendChild(link);
      if (result.s) {
        var extract = document.createElement('p');
        extract.lang = doc.lang; extract.dir = doc.dir; extract.textContent = result.s;
        item.appendChild(extract);
      }
      list.appendChild(item);
    });
  }
  var query = new URLSearchParams(window.location.search).get('q') || '';
  input.value = query;
  show(query);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set('q', input.value);
    window.history.replaceState(null, '', url.href);
    show(input.value);
  });
})();
`;
}
