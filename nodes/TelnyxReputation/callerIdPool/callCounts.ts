/**
 * The calls each caller ID has been given today, kept by this n8n process. A pick reads and
 * raises a count with no await in between, and a process runs one piece of JavaScript at a
 * time, so answers asked for at the same moment never share a count: none goes over its cap,
 * none goes uncounted. The dialer's workflow saves the day's counts (one row of the calls
 * table per process, see dayCounts.ts), which starts a process's day again after a restart;
 * several processes each count their own answers, so there the cap holds per process.
 */
class CallCounts {
	/** Counts per day ("2026-12-07" in the workflow's time zone), today and yesterday only. */
	private readonly days = new Map<string, Map<string, number>>();

	private countsOn(day: string): Map<string, number> {
		let counts = this.days.get(day);
		if (!counts) {
			counts = new Map();
			this.days.set(day, counts);
			// Days only move on: keep the newest two (two time zones may be a day apart).
			for (const kept of [...this.days.keys()].sort().slice(0, -2)) this.days.delete(kept);
		}
		return counts;
	}

	/** The number's calls on `day`: what this process counted, or what the table says if more. */
	callsOn(day: string, phoneNumber: string, stored = 0): number {
		const counts = this.countsOn(day);
		const calls = Math.max(counts.get(phoneNumber) ?? 0, stored);
		counts.set(phoneNumber, calls);
		return calls;
	}

	/** Every number's calls on `day`, as this process counts them. */
	countedOn(day: string): ReadonlyMap<string, number> {
		return this.days.get(day) ?? new Map();
	}

	/** Counts one more call from the number on `day`; returns its calls that day. */
	count(day: string, phoneNumber: string): number {
		const calls = this.callsOn(day, phoneNumber) + 1;
		this.countsOn(day).set(phoneNumber, calls);
		return calls;
	}
}

export const callCounts = new CallCounts();
