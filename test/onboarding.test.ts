import { createHash } from 'node:crypto';

import type { INode, INodeParameters } from 'n8n-workflow';

import { loaPdf } from '../support/sandbox/loaPdf';
import { NODE_TYPE } from '../support/engine/nodeTypes';
import { runNode, runWorkflow } from '../support/engine/runNode';
import { byId, operation } from './harness/parameters';
import { useSandbox } from './harness/useSandbox';

const api = useSandbox();

const telnyx = (name: string, parameters: INodeParameters, x: number): INode => ({
	id: name,
	name,
	type: NODE_TYPE,
	typeVersion: 1.1,
	position: [x, 0],
	parameters,
	credentials: { telnyxReputationApi: { id: '1', name: 'Telnyx sandbox' } },
});

/** Nodes run one after the other, each on the output of the one before. */
const chain = (nodes: INode[]) =>
	Object.fromEntries(
		nodes
			.slice(0, -1)
			.map((node, index) => [
				node.name,
				{ main: [[{ node: nodes[index + 1].name, type: 'main' as const, index: 0 }]] },
			]),
	);

describe('Onboarding inside n8n: Agree → Generate LOA → Upload LOA → Enable', () => {
	test('the LOA a node made is uploaded as multipart from its binary field, and the document id feeds Enable', async () => {
		const enterprise = api.sandbox.state.addEnterprise('Acme Dental LLC', { reputation: 'none' });
		const nodes = [
			telnyx('Agree', operation('termsOfService', 'agree'), 0),
			telnyx(
				'Generate LOA',
				operation('reputationSettings', 'generateLoa', {
					enterpriseId: byId(enterprise.id),
					binaryPropertyName: 'data',
				}),
				200,
			),
			telnyx(
				'Upload LOA',
				operation('reputationSettings', 'uploadLoa', {
					binaryPropertyName: 'data',
					additionalFields: { customerReference: 'LOA Acme' },
				}),
				400,
			),
			telnyx(
				'Enable',
				operation('reputationSettings', 'enable', {
					enterpriseId: byId(enterprise.id),
					loaDocumentId: '={{ $json.id }}',
				}),
				600,
			),
		];

		const { run } = await runWorkflow({
			nodes,
			connections: chain(nodes),
			credential: api.credential,
		});

		expect(run.data.resultData.error).toBeUndefined();
		const [document] = [...api.sandbox.state.documents.values()];
		const pdf = loaPdf('Acme Dental LLC');
		expect(document).toMatchObject({
			filename: `letter-of-authorization-${enterprise.id}.pdf`,
			content_type: 'application/pdf',
			customer_reference: 'LOA Acme',
			sha256: createHash('sha256').update(pdf).digest('hex'),
		});
		expect(document.content.equals(pdf)).toBe(true);
		const uploaded = run.data.resultData.runData['Upload LOA'][0].data!.main[0]![0].json;
		expect(uploaded).toMatchObject({ id: document.id, record_type: 'document' });
		expect(api.sandbox.state.enterprises.get(enterprise.id)?.reputation).toMatchObject({
			status: 'pending',
			loa_document_id: document.id,
		});
	});

	test("Enable bills the month's fee once; the sandbox plays Telnyx's review, approving both after its delay", async () => {
		const { state } = api.sandbox;
		const enterprise = state.addEnterprise('Acme Dental LLC', { reputation: 'none' });
		state.termsAgreedAt = state.now();
		// Long enough that the read right after Enable comes first on a busy machine.
		state.reviewDelayMs = 3000;
		const read = async () =>
			await runNode({
				credential: api.credential,
				typeVersion: 1.1,
				parameters: operation('reputationSettings', 'get', { enterpriseId: byId(enterprise.id) }),
			});

		const enabled = await runNode({
			credential: api.credential,
			typeVersion: 1.1,
			parameters: operation('reputationSettings', 'enable', {
				enterpriseId: byId(enterprise.id),
				loaDocumentId: '2a7e8337-e803-4057-a4ae-26c40eb0bc6c',
				additionalFields: {},
			}),
		});
		expect(enabled.items[0].json).toMatchObject({ status: 'pending', loa_status: 'pending' });
		expect((await read()).items[0].json).toMatchObject({ status: 'pending' });
		let settings = (await read()).items[0].json;
		for (const end = Date.now() + 20_000; settings.status === 'pending' && Date.now() < end; ) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			settings = (await read()).items[0].json;
		}

		expect(settings).toMatchObject({ status: 'approved', loa_status: 'approved' });
		expect(state.charges).toEqual([
			{ kind: 'reputation fee', enterprise_id: enterprise.id, usd: 100 },
		]);
	});

	test('an item without the binary field is refused before anything is sent', async () => {
		const result = await runNode({
			credential: api.credential,
			typeVersion: 1.1,
			parameters: operation('reputationSettings', 'uploadLoa', { binaryPropertyName: 'signed' }),
		});

		expect(result.error?.message).toContain('signed');
		expect(api.sandbox.requests).toHaveLength(0);
	});
});
