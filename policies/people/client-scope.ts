/**
 * An app's token covers at most the catalog resources it was registered for
 * (its scope) and names its declared purpose. A client-credentials request may
 * ask for fewer (RFC 6749 §3.3: a space-delimited `scope`), never more.
 */
export type ClientScopeVerdict =
  | { readonly ok: true; readonly scope: ReadonlyArray<string> }
  | { readonly ok: false; readonly outside: ReadonlyArray<string> };

export function checkClientScope(registered: ReadonlyArray<string>, requested: string | undefined): ClientScopeVerdict {
  if (requested === undefined || requested.trim() === '') return { ok: true, scope: [...registered].sort() };
  const asked = [...new Set(requested.trim().split(/\s+/))];
  const outside = asked.filter((resource) => !registered.includes(resource));
  if (outside.length > 0) return { ok: false, outside };
  return { ok: true, scope: asked.sort() };
}
