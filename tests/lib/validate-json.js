// node tests/lib/validate-json.js SCHEMA FILE...
// Validates each JSON FILE against SCHEMA, a JSON Schema file, or the word
// "sarif": the SARIF 2.1.0 schema (draft-04) as the @microsoft/jest-sarif
// package ships it. Formats (uri, date-time...) are checked too. Prints
// one line per error and exits 1 when a file does not validate, 2 when
// the validator is not installed (scripts/setup.sh --test installs it).
'use strict';
const fs = require('fs');

function load(mod) {
	try {
		return require(mod);
	} catch (e) {
		console.error(`validate-json: cannot load ${mod} (run bash scripts/setup.sh --test): ${e.message}`);
		process.exit(2);
	}
}

const [schemaArg, ...files] = process.argv.slice(2);
if (!schemaArg || !files.length) {
	console.error('usage: validate-json.js SCHEMA|sarif FILE...');
	process.exit(2);
}
const addFormats = load('ajv-formats');
let ajv, schema;
if (schemaArg === 'sarif') {
	const Ajv04 = load('ajv-draft-04');
	// strict: false for the schema's own oddities; its "language" pattern
	// is not a valid regular expression in unicode mode (a stray "]").
	ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
	schema = load('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
} else {
	const Ajv = load('ajv');
	ajv = new Ajv({ allErrors: true, strict: true });
	schema = JSON.parse(fs.readFileSync(schemaArg, 'utf8'));
}
addFormats(ajv);
const validate = ajv.compile(schema);
let bad = 0;
for (const f of files) {
	const doc = JSON.parse(fs.readFileSync(f, 'utf8'));
	if (!validate(doc)) {
		bad = 1;
		for (const e of validate.errors)
			console.log(`${f}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
	}
}
process.exit(bad);
