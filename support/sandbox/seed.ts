import type { SandboxState } from './state';

/** The demo account: one approved enterprise, a pending one, and a few owned numbers. */
export const DEMO_ENTERPRISE_ID = '4a6192a4-573d-446d-b3ce-aff9117272a6';

export function seedDemo(state: SandboxState) {
	const enterprise = state.addEnterprise('Acme Dental LLC', {
		id: DEMO_ENTERPRISE_ID,
		dba: 'Acme Dental',
	});
	state.addEnterprise('Globex Clinics Inc', { reputation: 'pending' });
	const numbers = ['+19493253498', '+12134445566', '+13125550147', '+14155550123'];
	state.addInventory(numbers);
	state.addInventory(['+16135550123'], { country: 'CA' });
	return { enterprise, numbers };
}

/**
 * `npm run dev` only: an enterprise without reputation, so the onboarding example can run Enable
 * (seedDemo's enterprises have it enabled already, and Telnyx refuses a second Enable).
 */
export const ONBOARDING_ENTERPRISE_ID = '5c2e8f1a-7b3d-4e6f-9a0c-1d2e3f4a5b6c';

export function seedOnboarding(state: SandboxState) {
	return state.addEnterprise('Onboarding Clinic LLC', {
		id: ONBOARDING_ENTERPRISE_ID,
		reputation: 'none',
	});
}
