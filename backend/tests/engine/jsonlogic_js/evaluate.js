// Evaluates a batch of JsonLogic cases with json-logic-js, the reference implementation, for the
// differential tests of the rules engine (tests/engine/test_rules_differential.py).
//
// stdin:  JSON [[rule, data], ...]
// stdout: JSON [{"value": result} | {"error": message}, ...], one per case, in order. Values JSON
//         cannot hold appear as {"$js": "NaN" | "Infinity" | "-Infinity" | "undefined"}.
"use strict";

const jsonLogic = require("json-logic-js");

// react-querybuilder's jsonLogicAdditionalOperators, which Switchyard provides too.
jsonLogic.add_operation("startsWith", (a, b) => typeof a === "string" && a.startsWith(b));
jsonLogic.add_operation("endsWith", (a, b) => typeof a === "string" && a.endsWith(b));

// json-logic-js's "log" prints with console.log: keep stdout for the results.
console.log = (...args) => console.error(...args);

function evaluate([rule, data]) {
  try {
    return { value: jsonLogic.apply(rule, data) };
  } catch (error) {
    return { error: String(error && error.message) };
  }
}

function markSpecialValues(key, value) {
  if (value === undefined) return { $js: "undefined" };
  if (typeof value === "number" && !Number.isFinite(value)) return { $js: String(value) };
  return value;
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  input += chunk;
});
process.stdin.on("end", () => {
  process.stdout.write(JSON.stringify(JSON.parse(input).map(evaluate), markSpecialValues));
});
