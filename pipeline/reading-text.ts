// The reading text of an AKN document: what a reader sees, one block per line, notes at the end.
// Reads: AKN XML (any statement, ours or another tool's).   Writes: plain text.
import { childElements, documentElement, parseAkn, type AknElement, type AknNode } from './akn-tree.js';

/** Elements whose text starts a new line. */
const BLOCKS = new Set(['p', 'block', 'heading', 'subheading', 'listIntroduction', 'num', 'docTitle', 'tblock', 'li', 'td', 'th']);

export function readingText(xml: string, file = '<akn>'): string {
  const root = parseAkn(xml, file);
  const statement = documentElement(root, file);
  const lines: string[] = [];
  const notes: string[] = [];
  const seenNotes = new Set<string>();
  let current = '';
  let numPending = false;
  const flush = () => {
    const line = current.replace(/[ \t\r\n]+/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const noteText = (note: AknElement): string => {
    const parts: string[] = [];
    const walk = (node: AknNode) => {
      if (node.type === 'text') parts.push(node.value);
      else node.children.forEach(walk);
      if (node.type === 'element' && node.name === 'p') parts.push(' ');
    };
    note.children.forEach(walk);
    return parts.join('').replace(/[ \t\r\n]+/g, ' ').trim();
  };
  const walk = (node: AknNode): void => {
    if (node.type === 'text') {
      current += node.value;
      return;
    }
    if (node.name === 'meta') return;
    if (node.name === 'authorialNote') {
      const marker = node.attrs['marker'] ?? '';
      const text = `${marker} ${noteText(node)}`.trim();
      if (!seenNotes.has(text)) {
        seenNotes.add(text);
        notes.push(text);
      }
      return;
    }
    const block = BLOCKS.has(node.name) && node.name !== 'num';
    // A number stays on the line of the text it numbers: "21 Encourage…".
    if (block && !numPending) flush();
    if (block) numPending = false;
    if (node.name === 'num') flush();
    node.children.forEach(walk);
    if (node.name === 'num') {
      current += ' ';
      numPending = true;
    } else if (block) flush();
  };
  for (const child of childElements(statement)) walk(child);
  flush();
  if (notes.length) lines.push('__________________', ...notes);
  return `${lines.join('\n')}\n`;
}
