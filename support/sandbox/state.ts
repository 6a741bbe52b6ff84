import { randomUUID } from 'node:crypto';

export type ReputationStatus = 'pending' | 'approved' | 'deleted' | 'rejected';

export interface ReputationSettings {
	enterprise_id: string;
	status: ReputationStatus;
	loa_status: 'pending' | 'approved' | 'rejected';
	check_frequency: string;
	loa_document_id: string | null;
	rejection_reasons: string[] | null;
	created_at: string;
	updated_at: string;
}

export interface Enterprise {
	id: string;
	/** Where number-ownership events go (PATCH …/reputation/webhook); not part of any answer. */
	ownershipWebhookUrl?: string | null;
	legal_name: string;
	doing_business_as?: string;
	country_code: string;
	fein?: string;
	role_type: 'enterprise' | 'bpo';
	/** The other fields Create and Update take (contacts, addresses, industry, …), as sent. */
	details: Record<string, unknown>;
	reputation?: ReputationSettings;
	/** The ownership proof for numbers hosted elsewhere, once submitted. */
	externalVerification?: ExternalVerification;
	created_at: string;
	updated_at: string;
}

export interface ExternalVerification {
	enterprise_id: string;
	status: 'pending' | 'approved' | 'rejected';
	rejection_reason: string | null;
	reviewed_at: string | null;
}

/** A terms-of-service agreement of the account. */
export interface TermsAgreement {
	id: string;
	product_type: 'number_reputation' | 'branded_calling';
	terms_version: string;
	version: string;
	agreed_at: string;
	created_at: string;
}

export type RemediationStatus = 'pending' | 'in_progress' | 'completed' | 'failed' | 'cancelled';

export interface Remediation {
	id: string;
	enterprise_id: string;
	status: RemediationStatus;
	phone_numbers: string[];
	call_purpose: string;
	contact_email: string | null;
	webhook_url: string | null;
	created_at: string;
	updated_at: string;
	tier1_completed_at: string | null;
	tier2_completed_at: string | null;
	results: Record<string, string[]> | null;
	/** Numbers refused before submission (a remediation cooldown): counted, never billed. */
	ineligible?: string[];
	/** Numbers cancelled after submission: counted in phone_numbers_count, in no result bucket. */
	cancelled?: string[];
}

export const TERMS_VERSION = '2026-06-01';

/** A file uploaded through POST /documents, as its answer shows it (the content kept for tests). */
export interface DocumentRecord {
	id: string;
	record_type: 'document';
	filename: string;
	content_type: string;
	size: { unit: 'bytes'; amount: number };
	sha256: string;
	status: 'pending';
	av_scan_status: 'scanned';
	customer_reference: string | null;
	created_at: string;
	updated_at: string;
	content: Buffer;
}

/** What the account was billed for, as the API's pricing says (a live lookup, a remediated number). */
export interface Charge {
	kind: 'reputation check' | 'remediation';
	phone_number: string;
	usd: number;
}

export interface InventoryNumber {
	country: 'US' | 'CA';
	inService: boolean;
}

export interface Registration {
	id: string;
	enterprise_id: string;
	phone_number: string;
	/** `telnyx`: in the account's inventory; `external`: hosted elsewhere, under approved ownership proof. */
	source: 'telnyx' | 'external';
	ownership_status: 'verified' | 'pending_confirmation' | 'flagged' | 'removed';
	reputation_data: null | Record<string, unknown>;
	created_at: string;
	updated_at: string;
}

/** What the sandbox account holds. Tests arrange it directly; the server reads and changes it. */
export class SandboxState {
	enterprises = new Map<string, Enterprise>();

	/** Soft-deleted enterprises, by id: out of every answer (404, not listed), kept for tests to read. */
	deletedEnterprises = new Map<string, Enterprise & { deleted_at: string }>();

	/** The account's phone-number inventory, by E.164. */
	inventory = new Map<string, InventoryNumber>();

	/** Monitored numbers, by E.164 (a number is on at most one enterprise). */
	registrations = new Map<string, Registration>();

	remediations = new Map<string, Remediation>();

	/** When the account agreed to the Number Reputation terms. */
	termsAgreedAt: string | null = null;

	/** Query parameters the API ignores, as a server that does not honour a filter (the log still shows them). */
	ignoredQuery = new Set<string>();

	/** Every agreement the account made, oldest first. */
	termsAgreements: TermsAgreement[] = [];

	/** Uploaded documents (signed LOAs), by id. */
	documents = new Map<string, DocumentRecord>();

	/**
	 * A number whose remediation completed less than this many days ago is ineligible when
	 * submitted again (Telnyx publishes no length for its cooldown); 0: no cooldown.
	 */
	remediationCooldownDays = 0;

	/** Every billed event, oldest first: tests assert that an operation billed nothing. */
	charges: Charge[] = [];

	constructor(readonly apiKey: string) {}

	now(): string {
		return new Date().toISOString();
	}

	addEnterprise(
		legalName: string,
		options: {
			id?: string;
			reputation?: 'approved' | 'pending' | 'none';
			dba?: string;
			fein?: string;
		} = {},
	): Enterprise {
		const now = this.now();
		const enterprise: Enterprise = {
			id: options.id ?? randomUUID(),
			legal_name: legalName,
			...(options.dba ? { doing_business_as: options.dba } : {}),
			...(options.fein ? { fein: options.fein } : {}),
			country_code: 'US',
			role_type: 'enterprise',
			details: {},
			created_at: now,
			updated_at: now,
		};
		this.enterprises.set(enterprise.id, enterprise);
		const reputation = options.reputation ?? 'approved';
		if (reputation !== 'none') {
			this.enableReputation(enterprise.id, randomUUID(), 'business_daily');
			if (reputation === 'approved') this.approve(enterprise.id);
		}
		return enterprise;
	}

	enableReputation(
		enterpriseId: string,
		loaDocumentId: string,
		checkFrequency: string,
	): ReputationSettings {
		const now = this.now();
		const settings: ReputationSettings = {
			enterprise_id: enterpriseId,
			status: 'pending',
			loa_status: 'pending',
			check_frequency: checkFrequency,
			loa_document_id: loaDocumentId,
			rejection_reasons: null,
			created_at: now,
			updated_at: now,
		};
		this.enterprises.get(enterpriseId)!.reputation = settings;
		return settings;
	}

	/** What Telnyx's review does after Enable: reputation and LOA approved. */
	approve(enterpriseId: string): void {
		const settings = this.enterprises.get(enterpriseId)?.reputation;
		if (!settings) throw new Error(`reputation is not enabled on ${enterpriseId}`);
		settings.status = 'approved';
		settings.loa_status = 'approved';
		settings.updated_at = this.now();
	}

	/** An approved enterprise, and these numbers in the account's inventory: ready to register. */
	enterpriseOwning(numbers: string[]): string {
		this.addInventory(numbers);
		return this.addEnterprise('Acme Dental LLC').id;
	}

	/** An approved enterprise that monitors these numbers already. */
	enterpriseMonitoring(numbers: string[]): string {
		const enterprise = this.addEnterprise('Acme Dental LLC');
		for (const number of numbers) this.register(enterprise.id, number);
		return enterprise.id;
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
			source: this.inventory.has(phoneNumber) ? 'telnyx' : 'external',
			ownership_status: 'verified',
			reputation_data: null,
			created_at: now,
			updated_at: now,
		};
		this.registrations.set(phoneNumber, registration);
		return registration;
	}

	/** A live lookup (billed): deterministic scores from the digits, so tests can assert them. */
	lookUp(registration: Registration): Registration {
		this.charges.push({
			kind: 'reputation check',
			phone_number: registration.phone_number,
			usd: 0.1,
		});
		const digits = Number(registration.phone_number.slice(-4));
		const score = (offset: number) => (digits + offset) % 101;
		registration.reputation_data = {
			spam_risk: ['low', 'medium', 'high'][digits % 3],
			spam_category: digits % 3 === 2 ? 'Telemarketer' : null,
			maturity_score: score(11),
			connection_score: score(23),
			engagement_score: score(37),
			sentiment_score: score(41),
			last_refreshed_at: this.now(),
		};
		registration.updated_at = this.now();
		return registration;
	}

	/**
	 * A reputation check as the scheduled one makes it: the given fields over the current ones
	 * (all of them deterministic from the digits when the number has none yet), checked now.
	 */
	setReputation(phoneNumber: string, fields: Record<string, unknown> = {}): Registration {
		const registration = this.registrations.get(phoneNumber);
		if (!registration) throw new Error(`${phoneNumber} is not monitored`);
		if (!registration.reputation_data) this.lookUp(registration);
		registration.reputation_data = {
			...registration.reputation_data,
			...fields,
			last_refreshed_at: this.now(),
		};
		registration.updated_at = this.now();
		return registration;
	}

	/** Telnyx's review of an enterprise's ownership proof. */
	reviewOwnershipProof(
		enterpriseId: string,
		status: 'approved' | 'rejected',
		rejectionReason: string | null = null,
	) {
		const proof = this.enterprises.get(enterpriseId)?.externalVerification;
		if (!proof) throw new Error(`no ownership proof was submitted for ${enterpriseId}`);
		Object.assign(proof, { status, rejection_reason: rejectionReason, reviewed_at: this.now() });
		return proof;
	}

	/** A new remediation request, pending. */
	addRemediation(
		enterpriseId: string,
		phoneNumbers: string[],
		fields: Partial<
			Pick<Remediation, 'call_purpose' | 'contact_email' | 'webhook_url' | 'ineligible'>
		> = {},
	): Remediation {
		const now = this.now();
		const remediation: Remediation = {
			id: randomUUID(),
			enterprise_id: enterpriseId,
			status: 'pending',
			phone_numbers: phoneNumbers,
			call_purpose: 'Appointment reminders',
			contact_email: null,
			webhook_url: null,
			...fields,
			created_at: now,
			updated_at: now,
			tier1_completed_at: null,
			tier2_completed_at: null,
			results: null,
		};
		this.remediations.set(remediation.id, remediation);
		return remediation;
	}

	/** Whether a remediation of this number completed within the cooldown. */
	inRemediationCooldown(phoneNumber: string): boolean {
		const since = Date.parse(this.now()) - this.remediationCooldownDays * 86_400_000;
		return [...this.remediations.values()].some(
			(remediation) =>
				remediation.status === 'completed' &&
				Date.parse(remediation.tier2_completed_at ?? remediation.updated_at) > since &&
				remediationReviewed(remediation).includes(phoneNumber),
		);
	}

	/**
	 * Cancels some numbers of a request not finished (all of them by default): they stay in its
	 * count and leave every result bucket. With none left to review, the request is cancelled;
	 * otherwise it completes later with the others (partly completed).
	 */
	cancelRemediationNumbers(remediation: Remediation, numbers = remediationReviewed(remediation)) {
		remediation.cancelled = [...new Set([...(remediation.cancelled ?? []), ...numbers])];
		if (remediationReviewed(remediation).length === 0) {
			remediation.status = 'cancelled';
			remediation.results = resultBuckets({ ineligible: remediation.ineligible ?? [] });
		}
		remediation.updated_at = this.now();
	}

	/** Moves a remediation request one step on: pending → in_progress → completed (with results). */
	advanceRemediation(remediation: Remediation): void {
		const now = this.now();
		if (remediation.status === 'pending') {
			remediation.status = 'in_progress';
			remediation.tier1_completed_at = now;
		} else if (remediation.status === 'in_progress') {
			remediation.status = 'completed';
			remediation.tier2_completed_at = now;
			const [first, ...rest] = remediationReviewed(remediation);
			remediation.results = resultBuckets({
				remediated: first === undefined ? [] : [first],
				not_flagged: rest,
				ineligible: remediation.ineligible ?? [],
			});
		} else {
			return;
		}
		remediation.updated_at = now;
	}

	registrationsOf(enterpriseId: string): Registration[] {
		return [...this.registrations.values()].filter((r) => r.enterprise_id === enterpriseId);
	}
}

/** The numbers a request has Telnyx review: not ineligible, not cancelled. */
export function remediationReviewed(remediation: Remediation): string[] {
	const out = new Set([...(remediation.ineligible ?? []), ...(remediation.cancelled ?? [])]);
	return remediation.phone_numbers.filter((number) => !out.has(number));
}

/** Every bucket, empty ones kept, as the API gives them. */
const resultBuckets = (filled: Record<string, string[]>): Record<string, string[]> => ({
	remediated: [],
	not_flagged: [],
	requires_review: [],
	ineligible: [],
	refused: [],
	...filled,
});

/** `count` distinct valid US numbers (area code 949, 555 exchange avoided). */
export function usNumbers(count: number, first = 0): string[] {
	return Array.from(
		{ length: count },
		(_, index) => `+1949${String(3250000 + first + index).padStart(7, '0')}`,
	);
}
