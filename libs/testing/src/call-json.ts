/**
 * A JSON request with a bearer token, as the gateway sends one to a service; answers the status,
 * the headers, the parsed body (the text when it is not JSON) and how long it took.
 */
export async function callJson(
  baseUrl: string,
  method: string,
  route: string,
  token: string,
  body?: unknown,
  timeoutMs = 30_000,
  // The tests read the answers' fields freely; each asserts on what it reads.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; headers: Headers; body: any; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text for the failure message
  }
  return { status: response.status, headers: response.headers, body: parsed, ms: performance.now() - started };
}
