// Writes a synthetic .bib of N entries: accented names, math, abstracts, custom fields. Deterministic.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIRST = ['Zhenliang', 'Meina', 'Jörg', 'Zoë', 'François', 'Ana', 'Søren', 'Łukasz', 'Yifeng', 'José'];
const LAST = ['He', 'Kan', 'M{\\"u}ller', 'Dupont', 'Garc{\\\'i}a', 'Nakamura', 'Kowalski', 'Shan', 'Chen', 'O\'Neil'];
const VENUES = ['International Conference on Computer Vision', 'Advances in Neural Information Processing Systems',
  'Conference on Computer Vision and Pattern Recognition', 'IEEE Transactions on Image Processing', 'arXiv preprint'];
const WORDS = 'learning deep generative model visual attribute editing diffusion unified joint representation robust efficient'.split(' ');

let seed = 42;
const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
const pick = (xs) => xs[rand(xs.length)];
const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

export function synthetic(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const authors = Array.from({ length: 2 + rand(6) }, () => `${pick(LAST)}, ${pick(FIRST)}`).join(' and ');
    const math = i % 7 === 0 ? ` with $\\mathcal{O}(n^2)$ and $\\frac{a}{b}$` : i % 3 === 0 ? ' for $\\alpha$-nets' : '';
    const venue = pick(VENUES);
    const kind = venue.startsWith('IEEE') || venue.startsWith('arXiv') ? 'article' : 'inproceedings';
    out.push(`@${kind}{key${i},
  title = {{${words(1)}}: ${words(6)}${math}},
  author = {${authors}},
  ${kind === 'article' ? 'journal' : 'booktitle'} = {${venue}},
  year = {${1990 + rand(36)}},
  abstract = {${words(60)} --- with {\\em emphasis} and 50\\% more.},
  keywords = {${pick(WORDS)}, ${pick(WORDS)}},
  pdf = {https://example.org/papers/key${i}.pdf},
  code = {https://github.com/example/repo${i % 50}},
  selected = {${i % 10 === 0 ? 'true' : 'false'}}
}
`);
  }
  return out.join('\n');
}

// Run alone (node bench/synthetic.mjs N [FILE]); importing it writes nothing.
if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(process.argv[3] ?? `synthetic-${process.argv[2]}.bib`, synthetic(Number(process.argv[2])));
