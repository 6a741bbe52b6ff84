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
