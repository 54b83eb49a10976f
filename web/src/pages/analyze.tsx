import { useState } from 'preact/hooks';
import type { Document } from '../../../src/document/types.ts';
import { ApiFailure, api, setToken } from '../api.ts';
import { ErrorNote, Loading } from '../components/common.tsx';
import { links, navigate } from '../router.ts';
import { Reader } from './reader.tsx';

type Mode = 'text' | 'file' | 'url';
type Input = { text?: string; html?: string; url?: string; published?: string };

export function AnalyzePage() {
  const [mode, setMode] = useState<Mode>('text');
  const [input, setInput] = useState<Input | null>(null);
  const [doc, setDoc] = useState<Document | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [needToken, setNeedToken] = useState(false);

  const run = async (body: Input) => {
    setBusy(true);
    setError(null);
    setDoc(null);
    try {
      setDoc(await api<Document>('/analyze', { method: 'POST', body }));
      setInput(body);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!input) return;
    setBusy(true);
    try {
      const r = await api<{ id: string }>('/documents', { method: 'POST', body: input });
      navigate(links.doc(r.id));
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) setNeedToken(true);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget as HTMLFormElement);
    const published = String(fd.get('published') ?? '').trim() || undefined;
    if (mode === 'text') {
      const text = String(fd.get('text') ?? '');
      if (!text.trim()) return setError(new Error('Paste some article text first.'));
      return run({ text, published });
    }
    if (mode === 'url') {
      const url = String(fd.get('url') ?? '').trim();
      if (!url) return setError(new Error('Give a URL.'));
      return run({ url, published });
    }
    const file = fd.get('file');
    if (!(file instanceof File) || !file.size) return setError(new Error('Choose a file.'));
    if (file.size > 5_000_000) return setError(new Error('That file is larger than 5 MB.'));
    const content = await file.text();
    const isHtml = /\.html?$/i.test(file.name) || /^\s*<(!doctype|html|head|body|article)/i.test(content);
    return run(isHtml ? { html: content, published } : { text: content, published });
  };

  return (
    <div class="page">
      <h1>Analyse an article</h1>
      <form class="analyze card" onSubmit={submit}>
        <div class="tabs" role="tablist">
          {(['text', 'file', 'url'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="tab"
              aria-selected={mode === m}
              class={`tab${mode === m ? ' on' : ''}`}
              onClick={() => setMode(m)}
            >
              {m === 'text' ? 'Paste text' : m === 'file' ? 'Upload a file' : 'From a URL'}
            </button>
          ))}
        </div>
        {mode === 'text' ? (
          <textarea
            name="text"
            rows={10}
            placeholder="Paste the article here (a headline on the first line helps)…"
            aria-label="Article text"
          />
        ) : mode === 'file' ? (
          <input
            name="file"
            type="file"
            accept=".txt,.html,.htm,.md,text/plain,text/html"
            aria-label="Article file"
          />
        ) : (
          <input name="url" type="url" placeholder="https://…" aria-label="Article URL" />
        )}
        <div class="row">
          <label>
            Published (optional) <input name="published" type="date" />
          </label>
          <button class="btn primary" type="submit" disabled={busy}>
            Analyse
          </button>
          {doc ? (
            <button class="btn" type="button" onClick={save} disabled={busy}>
              Save to corpus
            </button>
          ) : null}
          {needToken ? (
            <label>
              Server token{' '}
              <input
                type="password"
                autocomplete="off"
                onChange={(e) => {
                  setToken((e.currentTarget as HTMLInputElement).value || null);
                  setNeedToken(false);
                }}
              />
            </label>
          ) : null}
        </div>
        <p class="muted small">
          Nothing is stored unless you choose “Save to corpus”. URLs must be public http(s) addresses.
        </p>
      </form>
      {busy ? <Loading what="Analysing" /> : null}
      {error ? <ErrorNote error={error} /> : null}
      {doc ? <Reader doc={doc} stored={false} /> : null}
    </div>
  );
}
