'use strict';
// An independent ONVIF client (npm "onvif") against one simulated camera; prints one JSON object.
// Usage: node check_camera.js HOST PORT USER PASSWORD [PRESET_NAME]
// The preset must exist on the camera; an event must be published while this runs.

const { Cam } = require('onvif');

function call(cam, method, ...args) {
	return new Promise((resolve, reject) => {
		cam[method](...args, (err, result) => (err ? reject(err) : resolve(result)));
	});
}

function connect(options) {
	return new Promise((resolve, reject) => {
		const cam = new Cam(options, (err) => (err ? reject(err) : resolve(cam)));
	});
}

function items(part) {
	const list = part && part.simpleItem ? [].concat(part.simpleItem) : [];
	return Object.fromEntries(list.map((item) => [item.$.Name, String(item.$.Value)]));
}

async function pullOneChange(cam, tries) {
	const subscription = await call(cam, 'createPullPointSubscription');
	const initialized = [];
	for (let i = 0; i < tries; i += 1) {
		const data = await call(cam, 'pullMessages', { messageLimit: 10 });
		const messages = data && data.notificationMessage ? [].concat(data.notificationMessage) : [];
		for (const note of messages) {
			const message = note.message.message;
			const event = {
				topic: note.topic._,
				operation: message.$.PropertyOperation,
				utcTime: message.$.UtcTime,
				source: items(message.source),
				data: items(message.data),
			};
			if (event.operation === 'Initialized') {
				initialized.push(event.topic);
			} else {
				await call(cam, 'unsubscribe');
				return { event, initialized, subscription: subscription.subscriptionReference.address.href };
			}
		}
	}
	throw new Error(`no event after ${tries} pulls`);
}

async function main() {
	const [host, port, username, password, presetName = 'gate'] = process.argv.slice(2);
	const cam = await connect({ hostname: host, port: Number(port), username, password, timeout: 15000 });
	const deviceInformation = await call(cam, 'getDeviceInformation');
	const profiles = cam.profiles.map((p) => ({
		token: p.$.token,
		name: p.name,
		encoding: p.videoEncoderConfiguration.encoding,
		width: p.videoEncoderConfiguration.resolution.width,
		height: p.videoEncoderConfiguration.resolution.height,
		gop: p.videoEncoderConfiguration.H264.govLength,
		ptz: Boolean(p.PTZConfiguration),
	}));
	const stream = await call(cam, 'getStreamUri', { protocol: 'RTSP', profileToken: cam.activeSource.profileToken });
	const presets = await call(cam, 'getPresets', {});
	const preset = presets[presetName];
	if (!preset) {
		throw new Error(`preset ${presetName} not found: ${Object.keys(presets)}`);
	}
	await call(cam, 'gotoPreset', { preset: preset.$.token });
	const status = await call(cam, 'getStatus', {});
	const pulled = await pullOneChange(cam, 20);
	process.stdout.write(JSON.stringify({
		deviceInformation,
		profiles,
		defaultProfile: cam.activeSource.profileToken,
		streamUri: stream.uri,
		preset: { token: preset.$.token, name: String(preset.name) },
		ptz: { x: status.position.x, y: status.position.y, zoom: status.position.zoom, moveStatus: status.moveStatus },
		...pulled,
	}) + '\n');
}

main().then(() => process.exit(0), (err) => {
	process.stderr.write(`check_camera failed: ${err && err.stack ? err.stack : err}\n`);
	process.exit(1);
});
