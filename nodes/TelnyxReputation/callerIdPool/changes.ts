// What List Pool Changes remembers of each monitored number between mornings, and what it calls
// a change: the rules' own test (movedMaterially), against what the pool row holds. A number is
// remembered as its row was last written, so a morning hands on exactly the numbers whose rows
// the rules would write, and no others; a reading that moved too little is not remembered, so
// small moves add up until they matter, as they do in the row.
import type { IDataObject } from 'n8n-workflow';

import type { KeptNumbers } from '../../shared/packedNumbers';
import { keyNumber, numberKey, packNumbers, unpackNumbers } from '../../shared/packedNumbers';
import type { Material } from './rules';
import { movedMaterially } from './rules';

/** Workflow static data of the node (n8n keeps none for a manual execution). */
export interface Remembered {
	/** Packed: per number, its risk's letter, connection score (base 36) and enterprise's place. */
	numbers?: string;
	enterprises?: string[];
	/** The enterprise listed ('' for the whole account): another one starts afresh. */
	enterpriseId?: string;
	/** Numbers the last run found but left for the next part (Max Numbers per Run). */
	left?: number;
	/** The last run's part of its morning (1: the first), and the key that names this memory. */
	part?: number;
	partKey?: string;
	/** The parts fill an empty table: the numbers the next part hands on have no row yet. */
	filling?: boolean;
}

/** The node's parameters that decide how a run reads what was remembered. */
export interface RunSettings {
	enterpriseId: string;
	/** Asked to forget, so that every listed number is handed on as joined (once, not each part). */
	listEveryNumber: boolean;
	/** The table was empty: this run starts a first fill (and forgets). */
	poolWasEmpty: boolean;
	/** The key of the part this run continues (its last item's `part_key`); '' for a new run. */
	lastPartKey: string;
	/** The most numbers handed on (Infinity: every one). */
	most: number;
}

/** Why a number is handed on: new to the pool, a reading that moved, or no longer listed. */
export type PoolChange = 'joined' | 'changed' | 'unlisted';

const RISK_LETTERS: Record<string, string> = { '': '-', low: 'l', medium: 'm', high: 'h' };
const RISK_OF_LETTER = Object.fromEntries(
	Object.entries(RISK_LETTERS).map(([risk, letter]) => [letter, risk]),
);

/** A record's material values, as a row holds them. */
function materialOf(record: IDataObject): Material {
	const reputation = (record.reputation_data ?? {}) as IDataObject;
	const score = reputation.connection_score;
	return {
		spam_risk: String(reputation.spam_risk ?? ''),
		enterprise_id: String(record.enterprise_id ?? ''),
		connection_score: typeof score === 'number' ? score : null,
	};
}

/** What the rules read of a record, no more: a first fill hands on every number. */
function reading(record: IDataObject): IDataObject {
	const { spam_risk, connection_score, last_refreshed_at } = (record.reputation_data ??
		{}) as IDataObject;
	return {
		phone_number: record.phone_number,
		enterprise_id: record.enterprise_id,
		reputation_data: record.reputation_data
			? { spam_risk, connection_score, last_refreshed_at }
			: null,
	};
}

export class PoolMemory {
	private readonly numbers: KeptNumbers;
	private readonly enterprises: string[];
	private readonly seen = new Set<number>();
	readonly changes: Array<{ change: PoolChange; record: IDataObject }> = [];
	/** Numbers to look at beyond the run's most: not remembered, so the next part finds them. */
	left = 0;
	private gone = 0;
	/** This run's part of its morning, and what the part before it left (null: the first). */
	readonly part: number;
	/** Names the memory this run saves, for the part that continues it. */
	readonly partKey: string;
	readonly leftBefore: number | null;
	readonly filling: boolean;

	constructor(
		remembered: Remembered,
		private readonly run: RunSettings,
	) {
		const sameEnterprise = remembered.enterpriseId === run.enterpriseId;
		// n8n saves a workflow's static data whole, so a trigger of the same workflow can put back
		// an older memory: a part continues only the memory the part before it saved.
		const continued =
			sameEnterprise &&
			!run.poolWasEmpty &&
			run.lastPartKey !== '' &&
			remembered.partKey === run.lastPartKey &&
			(remembered.left ?? 0) > 0;
		const fresh = !sameEnterprise || run.poolWasEmpty || (run.listEveryNumber && !continued);
		this.numbers = fresh ? new Map() : unpackNumbers(remembered.numbers);
		this.enterprises = fresh ? [] : [...(remembered.enterprises ?? [])];
		this.part = continued ? (remembered.part ?? 1) + 1 : 1;
		this.partKey = `${this.part}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
		this.leftBefore = continued ? (remembered.left as number) : null;
		// Only the next part of a fill trusts that a number not remembered has no row: another
		// run may follow a part whose rows were written but whose memory was not saved.
		this.filling = run.poolWasEmpty || (continued && !fresh && remembered.filling === true);
	}

	/** Whether the next part should run: more is left, and fewer than the part before left. */
	get nextPart(): boolean {
		return this.left > 0 && (this.leftBefore === null || this.left < this.leftBefore);
	}

	/** How many numbers the listing named. */
	get listedCount(): number {
		return this.seen.size;
	}

	/** A listed record: handed on when new or moved materially since it was remembered. */
	listed(record: IDataObject): void {
		const key = numberKey(String(record.phone_number));
		if (this.seen.has(key)) return;
		this.seen.add(key);
		const kept = this.numbers.get(key);
		const now = materialOf(record);
		if (kept !== undefined && !movedMaterially(this.unpack(kept), now)) return;
		if (this.changes.length >= this.run.most) {
			this.left++;
			return;
		}
		this.changes.push({
			change: kept === undefined ? 'joined' : 'changed',
			record: reading(record),
		});
		this.numbers.set(key, this.pack(now));
	}

	/** The remembered numbers not listed, within the run's most: they leave the memory. */
	unlisted(): IDataObject[] {
		const gone: IDataObject[] = [];
		for (const [key, kept] of this.numbers) {
			if (this.seen.has(key)) continue;
			if (this.changes.length + gone.length >= this.run.most) {
				this.left++;
				continue;
			}
			gone.push({ phone_number: keyNumber(key), enterprise_id: this.unpack(kept).enterprise_id });
			this.gone++;
			this.numbers.delete(key);
		}
		return gone;
	}

	remembered(): Remembered {
		return {
			numbers: packNumbers(this.numbers),
			enterprises: this.enterprises,
			enterpriseId: this.run.enterpriseId,
			left: this.left,
			part: this.part,
			partKey: this.partKey,
			// A number no longer listed has a row; listed again, it would join as if it had none.
			filling: this.filling && this.gone === 0,
		};
	}

	private pack({ spam_risk, enterprise_id, connection_score }: Material): string {
		let place = this.enterprises.indexOf(enterprise_id);
		if (place < 0) place = this.enterprises.push(enterprise_id) - 1;
		const score = connection_score === null ? '' : Math.round(connection_score).toString(36);
		return `${RISK_LETTERS[spam_risk] ?? '?'}${score}.${place.toString(36)}`;
	}

	private unpack(kept: string): Material {
		const dot = kept.lastIndexOf('.');
		const score = kept.slice(1, dot);
		return {
			spam_risk: RISK_OF_LETTER[kept[0]] ?? '?',
			connection_score: score === '' ? null : parseInt(score, 36),
			enterprise_id: this.enterprises[parseInt(kept.slice(dot + 1), 36)] ?? '',
		};
	}
}
