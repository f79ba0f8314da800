/**
 * What a markdown file points at, read with markdown-it (so code blocks, escapes and reference-style links
 * are what CommonMark says they are): its links, its inline code spans and its headings' anchors as GitHub
 * makes them.
 */
import GithubSlugger from 'github-slugger';
import MarkdownIt, { type Token } from 'markdown-it';

export interface Reference {
  /** The link target or the code span's text, as written. */
  text: string;
  /** 1-based line it is on. */
  line: number;
}

export interface MarkdownReferences {
  links: Reference[];
  codeSpans: Reference[];
  /** The fragments GitHub gives the headings (`## Node.js: what runs` → `nodejs-what-runs`). */
  anchors: Set<string>;
}

const markdown = new MarkdownIt({ html: true });

export function markdownReferences(source: string): MarkdownReferences {
  const links: Reference[] = [];
  const codeSpans: Reference[] = [];
  const anchors = new Set<string>();
  const slugger = new GithubSlugger();
  const tokens = markdown.parse(source, {});
  let blockLine = 1;
  tokens.forEach((token, index) => {
    // Table cells carry no line of their own: they are on their row's.
    if (token.map) blockLine = token.map[0] + 1;
    if (token.type !== 'inline') return;
    let line = blockLine;
    for (const child of token.children ?? []) {
      if (child.type === 'softbreak' || child.type === 'hardbreak') line += 1;
      const target =
        child.type === 'link_open'
          ? child.attrGet('href')
          : child.type === 'image'
            ? child.attrGet('src')
            : null;
      if (target !== null) links.push({ text: String(target), line });
      if (child.type === 'code_inline') codeSpans.push({ text: child.content, line });
    }
    if (tokens[index - 1]?.type === 'heading_open') anchors.add(slugger.slug(plainText(token)));
  });
  return { links, codeSpans, anchors };
}

/** A heading's text as GitHub slugs it: the words and code of its inline children, without the markup. */
function plainText(inline: Token): string {
  return (inline.children ?? [])
    .filter((child) => child.type === 'text' || child.type === 'code_inline')
    .map((child) => child.content)
    .join('');
}
