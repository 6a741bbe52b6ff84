// The onboarding example's Telnyx steps in a real n8n, executed by n8n's CLI: Agree → Generate
// LOA → Upload LOA (multipart, from the binary field Generate LOA made) → Enable. The signer's
// email and form are left out: the PDF goes straight from Generate LOA to Upload LOA.
import type { N8n } from '../../support/n8n/n8n';
import { importWorkflow, n8nCli, readExample } from '../../support/n8n/n8n';
import { loaPdf } from '../../support/sandbox/loaPdf';
import type { Sandbox } from '../../support/sandbox/server';
import { check, step } from './report';

const STEPS = [
	'Start onboarding',
	'Agree to the terms',
	'Generate the LOA',
	'Upload the signed LOA',
	'Enable reputation',
];

export async function checkOnboarding(
	n8n: N8n,
	userFolder: string,
	sandbox: Sandbox,
): Promise<void> {
	step("Onboarding: the example's Telnyx steps, executed by n8n (the signature step left out)");
	const enterprise = sandbox.state.addEnterprise('Onboarding Clinic LLC', { reputation: 'none' });
	const example = readExample('onboard-enterprise');
	const nodes = STEPS.map((name) => {
		const node = structuredClone(example.nodes.find((candidate) => candidate.name === name)!);
		const parameters = node.parameters as Record<string, unknown>;
		if (name === 'Generate the LOA')
			parameters.enterpriseId = { __rl: true, mode: 'id', value: enterprise.id };
		if (name === 'Upload the signed LOA') parameters.binaryPropertyName = 'data';
		return node;
	});
	const connections = Object.fromEntries(
		STEPS.slice(0, -1).map((name, index) => [
			name,
			{ main: [[{ node: STEPS[index + 1], type: 'main', index: 0 }]] },
		]),
	);
	const workflow = { name: example.name, nodes, connections, settings: { executionOrder: 'v1' } };
	const imported = await importWorkflow(n8n, userFolder, workflow, 'onboard');
	check('n8n imports the onboarding steps', imported.status === 0, imported.stderr);

	const run = await n8nCli(n8n, userFolder, ['execute', '--id=onboard', '--rawOutput']);
	check('n8n executes them', run.status === 0, `${run.stderr}\n${run.stdout}`.slice(0, 2000));
	const documents = [...sandbox.state.documents.values()];
	const settings = sandbox.state.enterprises.get(enterprise.id)?.reputation;
	check(
		'Upload LOA sent the PDF Generate LOA made, byte for byte, as multipart to POST /documents',
		documents.length === 1 &&
			documents[0].content.equals(loaPdf(enterprise.legal_name)) &&
			documents[0].content_type === 'application/pdf',
		JSON.stringify(documents.map(({ content: _content, ...record }) => record)),
	);
	check(
		'Enable sent the uploaded document id: reputation is pending review',
		settings?.status === 'pending' && settings.loa_document_id === documents[0]?.id,
		JSON.stringify(settings),
	);
}
