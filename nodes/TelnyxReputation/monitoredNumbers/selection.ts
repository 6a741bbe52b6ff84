// The numbers a read keeps: at most `limit` of those that match, in list order or worst first,
// while it counts them all. Pages arrive in any order; what is kept is the same.
import type { IDataObject } from 'n8n-workflow';

import { worstFirst } from './record';

interface Kept {
	record: IDataObject;
	position: number;
}

export class Selection {
	/** How many records matched, kept or not. */
	matched = 0;

	private kept: Kept[] = [];

	private readonly order: (a: Kept, b: Kept) => number;

	constructor(
		private readonly limit: number,
		sortWorstFirst: boolean,
	) {
		const byPosition = (a: Kept, b: Kept) => a.position - b.position;
		this.order = sortWorstFirst
			? (a, b) => worstFirst(a.record, b.record) || byPosition(a, b)
			: byPosition;
	}

	add(record: IDataObject, position: number): void {
		this.kept.push({ record, position });
		this.matched++;
		// Cut back once twice the limit is held: sorting stays rare, memory stays near the limit.
		if (this.kept.length >= 2 * this.limit) this.trim();
	}

	records(): IDataObject[] {
		this.trim();
		return this.kept.map(({ record }) => record);
	}

	private trim(): void {
		this.kept.sort(this.order);
		if (this.kept.length > this.limit) this.kept.length = this.limit;
	}
}
