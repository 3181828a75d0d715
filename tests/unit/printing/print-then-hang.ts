// Child process for the crash test: renders the cards of every beneficiary of the office in argv[2], says
// "ready <job id>" once the PDF is complete but not yet delivered, then waits to be killed.
import { openOfficeData } from '../../../src-main/office/open.ts';
import { EMPTY_SELECTION, printJobs, startCardJob } from '../../../src-main/printing/index.ts';

const data = openOfficeData(process.argv[2]!);
const ids = data.store.all(data.store.db.selectFrom('beneficiary').select('id')).map((row) => row.id);
const job = startCardJob(data, { operatorId: null }, { selection: { ...EMPTY_SELECTION, beneficiaryIds: ids }, layout: 'a4-sheet', reason: '' });
const done = await printJobs(data).wait(job.id);
process.stdout.write(`${done.status === 'done' ? 'ready' : 'failed'} ${job.id}\n`);
setInterval(() => undefined, 60_000);
