#!/usr/bin/env node
// Times the AWS CDK's own synth-time validator (aws-cdk-lib's
// CloudFormationValidatePlugin, @aws/cloudformation-validate: Rust in
// WebAssembly, Rego through regorus) the way `cdk synth` runs it: build the
// engine for the templates' resource types, then validate the templates.
//
//   node bench/cdk-validate.js [--runs N] PATH...
//
// PATH: template files or folders (searched for .json/.yaml/.yml/.template).
// Prints one JSON object: the median engine construction time, the median
// time to validate all the templates once with the engine already built,
// the number of templates, and the violations the plugin reported.
'use strict';
const fs = require('fs');
const path = require('path');
const { CloudFormationValidatePlugin } = require(path.join(__dirname, 'peers', 'node_modules', 'aws-cdk-lib'));

function templates(p, out) {
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) templates(path.join(p, name), out);
  } else if (/\.(json|ya?ml|template)$/.test(p) || out.explicit) {
    out.push(p);
  }
  return out;
}

function resourceTypes(files) {
  const types = new Set();
  for (const f of files) {
    try {
      const t = JSON.parse(fs.readFileSync(f, 'utf8'));
      for (const r of Object.values(t.Resources || {})) if (r && typeof r.Type === 'string') types.add(r.Type);
    } catch (e) {
      // YAML or malformed: the plugin reads JSON only (CDK output); see README.
    }
  }
  return types;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function ms(t0) {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function main() {
  const args = process.argv.slice(2);
  let runs = 5;
  const paths = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--runs') runs = Number(args[++i]);
    else paths.push(args[i]);
  }
  const files = [];
  for (const p of paths) templates(p, files);
  const types = resourceTypes(files);
  const engineTimes = [];
  const validateTimes = [];
  let violations = 0;
  let failed = 0;
  for (let run = 0; run < runs; run++) {
    const plugin = new CloudFormationValidatePlugin();
    let t0 = process.hrtime.bigint();
    plugin.initializeEngine(types);
    engineTimes.push(ms(t0));
    t0 = process.hrtime.bigint();
    violations = 0;
    failed = 0;
    for (const f of files) {
      try {
        violations += plugin.validate({ stackTemplates: [{ templatePath: f }] }).violations.length;
      } catch (e) {
        failed++;
      }
    }
    validateTimes.push(ms(t0));
    plugin._dispose();
  }
  console.log(JSON.stringify({
    templates: files.length,
    failed,
    violations,
    engine_ms: median(engineTimes),
    validate_ms: median(validateTimes),
    runs,
  }));
}

main();
