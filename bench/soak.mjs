// The soak of issue 7 at full size: 10,000 card events through the sandbox's trigger delivery
// and the runner's webhook into a scenario that makes one document per event, with faults on
// both legs; afterwards every event must have exactly one document. Prints the throughput
// (events/s end to end) and the peak memory of both processes. See sandbox/soak/soak.mjs.
//   node bench/soak.mjs [events]
import { runSoak, summary } from '../sandbox/soak/soak.mjs';

const events = Number(process.argv[2] || 10000);
const report = await runSoak({ events });
for (const line of summary(report)) console.log(line);
const broken = report.lost.length + report.doubled.length + report.strays.length + report.wrongCustomer.length + report.failed.length;
if (broken || report.documents !== events) {
  console.error(`NOT exactly once: ${JSON.stringify({ lost: report.lost.slice(0, 5), doubled: report.doubled.slice(0, 5), failed: report.failed.slice(0, 5) })}`);
  process.exit(1);
}
