// The pages' one way to call a route: JSON in, JSON out (the routes accept nothing else).
export interface Answer {
  ok: boolean;
  status: number;
  data: Record<string, unknown>;
}

export async function post(path: string, body: unknown = {}): Promise<Answer> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { ok: response.ok, status: response.status, data: await response.json().catch(() => ({})) };
}

/** The text to show for a failed answer. */
export const messageOf = (answer: Answer) => String(answer.data.message ?? 'Something went wrong. Please try again.');

export const localTime = (ms: number) => new Date(ms).toLocaleString();
