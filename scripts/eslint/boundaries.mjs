// An ESLint rule: the folders of src depend on each other in one direction only, so a reader
// (and anyone lifting a part into their own app) can take a lower folder without the higher
// ones. protocol <- model <- db (the device store) <- sync <- conflicts, accounts <- ui, and
// api (talking to the server) beside db; the server reads only protocol and model. A relative
// import is resolved against the importing file, so the server's own `sync` folder is not
// mistaken for the engine's.
import path from 'node:path';

/** Which folders of src each folder may import (besides itself). */
export const LAYERS = {
  protocol: [],
  model: ['protocol'],
  db: ['protocol', 'model'],
  api: ['protocol'],
  sync: ['protocol', 'model', 'db', 'api'],
  conflicts: ['protocol', 'model', 'db', 'api', 'sync'],
  accounts: ['protocol', 'model', 'db', 'api', 'sync'],
  backup: ['protocol', 'model', 'db'],
  ui: ['protocol', 'model', 'db', 'api', 'sync', 'conflicts', 'accounts', 'backup'],
  server: ['protocol', 'model'],
  // main.tsx and sw.ts put the app together.
  entry: ['protocol', 'model', 'db', 'api', 'sync', 'conflicts', 'accounts', 'backup', 'ui'],
};

/** The folder of src a file belongs to ('entry' for files at its top), or undefined. */
export function layerOf(file, src) {
  const relative = path.relative(src, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const [top, ...rest] = relative.split(path.sep);
  return rest.length === 0 ? 'entry' : top;
}

export const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'src folders import only the folders below them' },
    messages: {
      upward:
        'src/{{from}} may not import from src/{{to}}: it may use {{allowed}} (see scripts/eslint/boundaries.mjs)',
    },
    schema: [
      { type: 'object', properties: { src: { type: 'string' } }, additionalProperties: false },
    ],
  },
  create(context) {
    const src = path.resolve(context.cwd, context.options[0]?.src ?? 'src');
    const from = layerOf(context.filename, src);
    if (!from || !(from in LAYERS)) return {};
    function check(node) {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const to = layerOf(path.resolve(path.dirname(context.filename), spec), src);
      if (!to || to === from || LAYERS[from].includes(to)) return;
      const allowed = LAYERS[from].length > 0 ? LAYERS[from].join(', ') : 'nothing else';
      context.report({ node, messageId: 'upward', data: { from, to, allowed } });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
