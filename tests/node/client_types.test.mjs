// The client's TypeScript declarations compile against a usage file, strictly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';

test('the client types accept the documented calls and refuse wrong ones', () => {
  const file = new URL('./client_types_usage.ts', import.meta.url).pathname;
  const program = ts.createProgram([file], {
    noEmit: true, strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
    // Bundler: pkg/index.d.ts re-exports without extensions, which NodeNext refuses
    moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: false, types: [], lib: ['lib.es2022.d.ts'],
  });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.split('/').slice(-2).join('/')}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  assert.deepEqual(problems, []);
});
