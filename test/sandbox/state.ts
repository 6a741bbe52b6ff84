import { randomUUID } from 'node:crypto';

export type ReputationStatus = 'pending' | 'approved' | 'deleted' | 'rejected';

export interface Enterprise {
	id: string;
	legal_name: string;
	doing_business_as?: string;
	country_code: string;
	reputation?: {
		status: ReputationStatus;
		loa_status: 'pending' | 'approved' | 'rejected';
		check_frequency: string;
		loa_document_id: string | null;
	};
	created_at: string;
	updated_at: string;
}

export interface InventoryNumber {
	country: 'US' | 'CA';
	inService: boolean;
}

export interface Registration {
	id: string;
	enterprise_id: string;
	phone_number: string;
	reputation_data: null | Record<string, unknown>;
	created_at: string;
	updated_at: string;
}

/** What the sandbox account holds. Tests arrange it directly; the server reads and changes it. */
export class SandboxState {
	enterprises = new Map<string, Enterprise>();

	/** The account's phone-number inventory, by E.164. */
	inventory = new Map<string, InventoryNumber>();

	/** Monitored numbers, by E.164 (a number is on at most one enterprise). */
	registrations = new Map<string, Registration>();

	constructor(readonly apiKey: string) {}

	now(): string {
		return new Date().toISOString();
	}

	addEnterprise(
		legalName: string,
		options: { id?: string; reputation?: 'approved' | 'pending' | 'none'; dba?: string } = {},
	): Enterprise {
		const now = this.now();
		const enterprise: Enterprise = {
			id: options.id ?? randomUUID(),
			legal_name: legalName,
			...(options.dba ? { doing_business_as: options.dba } : {}),
			country_code: 'US',
			created_at: now,
			updated_at: now,
		};
		const reputation = options.reputation ?? 'approved';
		if (reputation !== 'none') {
			enterprise.reputation = {
				status: reputation,
				loa_status: reputation,
				check_frequency: 'business_daily',
				loa_document_id: randomUUID(),
			};
		}
		this.enterprises.set(enterprise.id, enterprise);
		return enterprise;
	}

	addInventory(numbers: string[], details: Partial<InventoryNumber> = {}): void {
		for (const number of numbers) {
			this.inventory.set(number, { country: 'US', inService: true, ...details });
		}
	}

	register(enterpriseId: string, phoneNumber: string): Registration {
		const now = this.now();
		const registration: Registration = {
			id: randomUUID(),
			enterprise_id: enterpriseId,
			phone_number: phoneNumber,
			reputation_data: null,
			created_at: now,
			updated_at: now,
		};
		this.registrations.set(phoneNumber, registration);
		return registration;
	}

	registrationsOf(enterpriseId: string): Registration[] {
		return [...this.registrations.values()].filter((r) => r.enterprise_id === enterpriseId);
	}
}

/** `count` distinct valid US numbers (area code 949, 555 exchange avoided). */
export function usNumbers(count: number, first = 0): string[] {
	return Array.from({ length: count }, (_, index) => `+1949${String(3250000 + first + index).padStart(7, '0')}`);
}
