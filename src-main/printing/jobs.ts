import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Problem, type BilingualText } from '../common/problem.ts';
import type { OfficeData } from '../office/service.ts';
import type { Actor } from '../store/write.ts';
import { recordPrint, type PrintRecord } from './log.ts';
import type { CardLayoutChoice, PrintJobStatus } from './types.ts';
import { printsFolderOfThisProcess } from './leftovers.ts';
import { buildCardViews, officeOrProblem } from './views.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';

export { PRINTS_DIR } from './leftovers.ts';
/** Cards sent to the worker per message: small enough to keep memory flat, large enough to keep it busy. */
const CHUNK = 250;
/** An idle worker is stopped after this long; the next print starts a new one. */
const IDLE_WORKER_MS = 10 * 60 * 1000;

const HERE = import.meta.url;
const FROM_SOURCE = HERE.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './worker.ts' : './worker.js', HERE);

/**
 * Compiled, the worker is the .js next to this file. From source (tsx in development and tests) it is the .ts
 * file, loaded through tsx: Node 20 does not apply `--import tsx` in a worker's execArgv to the worker's entry
 * module (ERR_UNKNOWN_FILE_EXTENSION), so a two-line bootstrap registers tsx's loader and then imports it.
 */
function spawnWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(boot, { eval: true });
}

const BAD_RECORD: BilingualText = {
  en: 'A record in this selection cannot be printed (its MTS ID, names or dates are not in the expected form). Nothing was printed or logged; correct the record or leave it out.',
  mr: 'या निवडीतील एक नोंद छापता येत नाही (MTS क्रमांक, नावे किंवा तारखा अपेक्षित स्वरूपात नाहीत). काहीही छापले किंवा नोंदवले नाही; नोंद दुरुस्त करा किंवा वगळा.',
};
const RENDER_FAILED: BilingualText = {
  en: 'Making the PDF failed; nothing was printed or logged. Try again; if it fails again, contact the state IT cell.',
  mr: 'PDF तयार करताना त्रुटी आली; काहीही छापले किंवा नोंदवले नाही. पुन्हा प्रयत्न करा; पुन्हा चुकल्यास राज्य आयटी कक्षाशी संपर्क साधा.',
};
const NOTHING_TO_PRINT: BilingualText = {
  en: 'No cards match this selection.',
  mr: 'या निवडीत एकही कार्ड नाही.',
};

function failureText(name: string, message: string): BilingualText {
  if (name === 'PrintInputError' || message.includes('card needs the name')) return BAD_RECORD;
  if (message === 'no cards to print') return NOTHING_TO_PRINT;
  return RENDER_FAILED;
}

function fileNameFor(layout: CardLayoutChoice, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}`;
  return `mts-cards-${layout === 'cr80' ? 'cr80' : 'a4'}-${stamp}.pdf`;
}

interface Job {
  status: PrintJobStatus;
  /** What the print log gets once the operator's save or print went through (confirm()). */
  record: PrintRecord | null;
  file: string;
  /** The PDF once delivered: its file is gone, but preview, save and print may each ask for it again. */
  bytes: Buffer | null;
  settled: Promise<void>;
}

/** The job the worker is running, and how its messages are handled. */
interface ActiveJob {
  id: string;
  /** The file being written, removed again if the job does not finish. */
  part: string;
  handle(message: FromWorker): void;
  fail(error: BilingualText): void;
}

export interface CardJobRequest {
  ids: readonly string[];
  layout: CardLayoutChoice;
  reason: string | null;
  today: string;
}

/**
 * The print jobs of one office database in this process. Jobs run one at a time in a worker thread that renders
 * into `<dataDir>/prints/<pid>/<id>.part`; only a complete PDF is renamed to `<id>.pdf`. The print log rows are
 * written only when the operator's save or print of that PDF went through (`confirm`): a PDF made and then
 * cancelled at the save or print dialog leaves the cards "not printed". A failed job logs nothing and leaves no file.
 *
 * The PDF holds names, IDs and photos, so the file is deleted at its first delivery; the bytes stay in memory
 * for the operator's next save or print until they are done with the job (they start another, leave the page,
 * or the program closes). A crash leaves the file to the next start (`removeLeftoverPrints`). The print log
 * keeps who printed which cards, never the file.
 */
export class PrintJobs {
  private readonly jobs = new Map<string, Job>();
  private worker: Worker | null = null;
  private active: ActiveJob | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  readonly dir: string;

  constructor(private readonly data: OfficeData) {
    this.dir = printsFolderOfThisProcess(dirname(data.store.path));
  }

  get running(): boolean {
    return this.active !== null;
  }

  /**
   * Starts the worker ahead of a print (the Cards page does this when it shows a count), so fonts are loaded
   * and the layout code compiled by the time the operator presses the button.
   */
  warm(): void {
    this.ensureWorker();
    if (!this.active) this.idle();
  }

  startCards(actor: Actor, request: CardJobRequest): PrintJobStatus {
    if (this.running) {
      throw new Problem('print-busy', {
        en: 'Another print job is still being prepared. Wait until it is finished.',
        mr: 'दुसरे छपाई काम अजून तयार होत आहे. ते पूर्ण होईपर्यंत थांबा.',
      });
    }
    const office = officeOrProblem(this.data);
    // Starting another job means the operator is done with the earlier ones.
    for (const id of this.jobs.keys()) this.discard(id);
    mkdirSync(this.dir, { recursive: true });
    const id = randomUUID();
    const now = new Date();
    const file = join(this.dir, `${id}.pdf`);
    const part = join(this.dir, `${id}.part`);
    const ids = [...request.ids];
    const status: PrintJobStatus = {
      id,
      layout: request.layout,
      status: 'running',
      done: 0,
      total: ids.length,
      error: null,
      fileName: fileNameFor(request.layout, now),
      startedAt: now.toISOString(),
      finishedAt: null,
      printed: false,
    };
    const printed: string[] = [];
    let offset = 0;
    const worker = this.ensureWorker();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    // While a job runs the worker keeps the process alive (a command-line print must not exit half-way).
    worker.ref();

    let resolveSettled = (): void => undefined;
    const settled = new Promise<void>((resolve) => (resolveSettled = resolve));
    const finish = (error: BilingualText | null): void => {
      if (this.active?.id !== id) return;
      this.active = null;
      status.status = error ? 'failed' : 'done';
      status.error = error;
      status.finishedAt = new Date().toISOString();
      if (error) {
        rmSync(part, { force: true });
        rmSync(file, { force: true });
      }
      this.idle();
      resolveSettled();
    };
    const complete = (): void => {
      renameSync(part, file);
      // Not logged yet: a card counts as printed once its PDF was saved or sent to the printer (confirm()).
      this.jobs.get(id)!.record = { layout: request.layout, reason: request.reason, count: printed.length, beneficiaryIds: printed };
      status.done = status.total = printed.length;
      finish(null);
    };
    const send = (): void => {
      const slice = ids.slice(offset, offset + CHUNK);
      offset += slice.length;
      const built = buildCardViews(this.data, slice, { office, today: request.today });
      printed.push(...built.ids);
      this.post({ type: 'cards', jobId: id, views: built.views, last: offset >= ids.length });
    };
    this.active = {
      id,
      part,
      fail: finish,
      handle: (message) => {
        try {
          if (message.type === 'need') send();
          else if (message.type === 'progress') {
            status.done = message.done;
            status.total = Math.max(status.total, message.total);
          } else if (message.type === 'done') complete();
          else finish(failureText(message.name, message.message));
        } catch (error) {
          reportFailure(error);
          finish(RENDER_FAILED);
        }
      },
    };
    this.jobs.set(id, { status, record: null, file, bytes: null, settled });
    this.post({ type: 'start', jobId: id, path: part, layout: request.layout, total: ids.length });
    return { ...status };
  }

  status(id: string): PrintJobStatus {
    return { ...this.job(id).status };
  }

  /** Resolves when the job has finished, either way. */
  async wait(id: string): Promise<PrintJobStatus> {
    const job = this.job(id);
    await job.settled;
    return { ...job.status };
  }

  /**
   * The finished PDF of a job, for the UI, the save dialog, the printer or the command line. The first delivery
   * reads the file and deletes it; later ones (preview, then save, then print) are served from memory.
   */
  deliver(id: string): { fileName: string; bytes: Buffer } {
    const job = this.job(id);
    if (job.status.status === 'done' && !job.bytes && existsSync(job.file)) {
      // Synchronous, so two deliveries at once cannot both find the file and race to read and remove it.
      job.bytes = readFileSync(job.file);
      rmSync(job.file, { force: true });
    }
    if (job.status.status !== 'done' || !job.bytes) {
      throw new Problem('print-not-ready', {
        en: 'This print job has no PDF: it is still running, it failed, or it was removed once you were done with it. Make the PDF again to print it.',
        mr: 'या छपाई कामाची PDF नाही: काम चालू आहे, अयशस्वी झाले, किंवा तुमचे काम झाल्यावर ती काढून टाकली. छापण्यासाठी PDF पुन्हा तयार करा.',
      });
    }
    return { fileName: job.status.fileName, bytes: job.bytes };
  }

  /**
   * A single-household document (family sheet, forms) was made and handed back: it waits, like a card job,
   * for the operator's save or print to be confirmed before it enters the print log.
   */
  holdDocument(record: PrintRecord, fileName: string): string {
    const id = randomUUID();
    const now = new Date().toISOString();
    const status: PrintJobStatus = {
      id,
      layout: record.layout,
      status: 'done',
      done: 1,
      total: 1,
      error: null,
      fileName,
      startedAt: now,
      finishedAt: now,
      printed: false,
    };
    this.jobs.set(id, { status, record, file: '', bytes: null, settled: Promise.resolve() });
    return id;
  }

  /**
   * The PDF of a finished job was saved or sent to the printer: the print log gets it now, once. A second
   * confirmation (saved, then printed too) changes nothing; returns whether this call logged it.
   */
  confirm(actor: Actor, id: string): { recorded: boolean } {
    const job = this.job(id);
    if (job.status.status !== 'done' || !job.record) {
      throw new Problem('print-not-ready', {
        en: 'This print job has not finished, so there is nothing to confirm. Wait for the PDF, save or print it, and try again.',
        mr: 'हे छपाई काम पूर्ण झाले नाही, त्यामुळे नोंदवण्यासारखे काही नाही. PDF तयार होईपर्यंत थांबा, ती जतन करा किंवा छापा आणि पुन्हा प्रयत्न करा.',
      });
    }
    if (job.status.printed) return { recorded: false };
    recordPrint(this.data, actor, job.record);
    job.status.printed = true;
    return { recorded: true };
  }

  /** The operator is done with a job: its PDF leaves memory and disk. Unknown or running jobs are left alone. */
  discard(id: string): void {
    const job = this.jobs.get(id);
    if (!job || job.status.status === 'running') return;
    job.bytes = null;
    rmSync(job.file, { force: true });
  }

  /** Stops the worker (closing the office, end of tests); a running job fails and leaves nothing behind. */
  async close(): Promise<void> {
    const worker = this.worker;
    const active = this.active;
    this.worker = null;
    active?.fail(RENDER_FAILED);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await worker?.terminate();
    // The thread may have opened the file after the job was failed and before it stopped.
    if (active) rmSync(active.part, { force: true });
    for (const id of this.jobs.keys()) this.discard(id);
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnWorker();
    worker.unref();
    worker.on('message', (message: FromWorker) => {
      if (this.active && message.jobId === this.active.id) this.active.handle(message);
    });
    const lost = (error?: unknown): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      if (error !== undefined) reportFailure(error);
      const active = this.active;
      active?.fail(RENDER_FAILED);
      // A thread that died mid-write cannot remove its own partial file.
      if (active) rmSync(active.part, { force: true });
    };
    worker.on('error', (error) => lost(error));
    worker.on('exit', () => lost());
    this.worker = worker;
    return worker;
  }

  private idle(): void {
    this.worker?.unref();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.active) return;
      const worker = this.worker;
      this.worker = null;
      void worker?.terminate();
    }, IDLE_WORKER_MS);
    this.idleTimer.unref();
  }

  private job(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) {
      throw new Problem('print-job-unknown', {
        en: 'No such print job. Jobs are kept until the program is closed.',
        mr: 'असे छपाई काम नाही. कामे प्रोग्राम बंद होईपर्यंतच ठेवली जातात.',
      });
    }
    return job;
  }
}

function reportFailure(error: unknown): void {
  // Class and stack only: messages from lower layers may echo personal data.
  const stack = error instanceof Error ? (error.stack ?? '').split('\n').slice(1).join('\n') : '';
  console.error(`[mts] print job failed: ${error instanceof Error ? error.name : typeof error}\n${stack}`);
}

const registries = new WeakMap<OfficeData, PrintJobs>();

/** The job registry of an open office database (one per process and database). */
export function printJobs(data: OfficeData): PrintJobs {
  let jobs = registries.get(data);
  if (!jobs) {
    jobs = new PrintJobs(data);
    registries.set(data, jobs);
  }
  return jobs;
}
