// "Send now": when the PC is online and the state hub's address is set, the same bundle that would go
// on a USB stick is posted to the hub (`mts-hub serve`, POST /v1/exchange) and the hub's answer — a
// bundle for this office — is imported at once. The bundles authenticate themselves; HTTPS (a reverse
// proxy in front of the hub) keeps them private on the way, though they are encrypted anyway.
import { Problem } from '../common/problem.ts';
import type { OfficeData } from '../office/service.ts';
import type { Actor } from '../store/write.ts';
import { REPLY_PART_LENGTHS_HEADER, splitReplyBody } from '../sync/index.ts';
import { exportChanges } from './export.ts';
import { importBundle } from './import.ts';
import type { SendNowResult } from './types.ts';

export type { SendNowResult } from './types.ts';

const SETTING = 'hub_url';
const TIMEOUT_MS = 120_000;


export function hubAddress({ store }: OfficeData): string | null {
  return store.first(store.db.selectFrom('setting').select('value').where('key', '=', SETTING))?.value ?? null;
}

/** HTTPS only, except a hub on this very PC (development, tests). Empty text clears the address. */
export function setHubAddress(data: OfficeData, actor: Actor, address: string): string | null {
  const text = address.trim().replace(/\/+$/, '');
  if (text !== '') {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw invalidAddress();
    }
    const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    if (!(url.protocol === 'https:' || (url.protocol === 'http:' && local)) || url.username || url.password || url.search || url.hash) throw invalidAddress();
  }
  data.writer.write(actor, (batch) => {
    const exists = data.store.first(data.store.db.selectFrom('setting').select('key').where('key', '=', SETTING));
    if (exists) batch.update('setting', SETTING, { value: text });
    else batch.insert('setting', { key: SETTING, value: text });
  });
  return text === '' ? null : text;
}

function invalidAddress(): Problem {
  const text = {
    en: 'The hub address must start with https:// (for example https://mts-hub.maharashtra.gov.in) and hold no user name or password.',
    mr: 'हबचा पत्ता https:// ने सुरू व्हायला हवा (उदा. https://mts-hub.maharashtra.gov.in) आणि त्यात वापरकर्ता नाव किंवा पासवर्ड नसावा.',
  };
  return new Problem('invalid-hub-address', text, [{ field: 'address', message: text }]);
}

function unreachable(detail: string): Problem {
  return new Problem('hub-unreachable', {
    en: `Could not reach the state hub (${detail}). Nothing was lost: export to a file and send it by USB stick or e-mail, or try again later.`,
    mr: `राज्य हबशी संपर्क झाला नाही (${detail}). काहीही हरवले नाही: फाइलमध्ये निर्यात करून USB किंवा ई-मेलने पाठवा, किंवा नंतर पुन्हा प्रयत्न करा.`,
  });
}

/** Posts every part of a fresh export to the hub and imports its answer. */
export async function sendNow(data: OfficeData, actor: Actor, fetcher: typeof fetch = fetch): Promise<SendNowResult> {
  const address = hubAddress(data);
  if (!address) {
    throw new Problem('no-hub-address', {
      en: 'The state hub\'s address is not set (Sync → Hub address); export to a file instead.',
      mr: 'राज्य हबचा पत्ता ठरवलेला नाही (सिंक → हबचा पत्ता); त्याऐवजी फाइलमध्ये निर्यात करा.',
    });
  }
  const bundle = await exportChanges(data, 'hub');
  let answer: Uint8Array[] | null = null;
  for (const file of bundle.files) {
    let response: Response;
    try {
      response = await fetcher(`${address}/v1/exchange`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: file,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw unreachable((error as Error).name === 'TimeoutError' ? 'no answer in 2 minutes' : 'no connection');
    }
    if (response.status === 202) continue; // a part of a split bundle; the hub waits for the others
    if (response.status === 200) {
      answer = splitReplyBody(new Uint8Array(await response.arrayBuffer()), response.headers.get(REPLY_PART_LENGTHS_HEADER) ?? undefined);
      continue;
    }
    const refusal = (await response.json().catch(() => null)) as { message?: { en?: unknown; mr?: unknown } } | null;
    const en = refusal?.message?.en;
    const mr = refusal?.message?.mr;
    if (typeof en === 'string' && typeof mr === 'string') {
      throw new Problem('hub-refused', { en: `The state hub refused this office's bundle: ${en}`, mr: `राज्य हबने या कार्यालयाची बंडल नाकारली: ${mr}` });
    }
    throw unreachable(`HTTP ${response.status}`);
  }
  const sent = { bundleId: bundle.bundleId, changes: bundle.changes, parts: bundle.files.length };
  if (!answer || answer.every((part) => part.length === 0)) return { sent, received: null };
  return { sent, received: await importBundle(data, answer, actor) };
}
