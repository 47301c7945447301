import { describe, expect, it } from 'vitest';
import {
  cellForJsonValue,
  columnCell,
  executeJsonPath,
  findResults,
  JsonPathError,
  parseColumnPath,
  parseFieldPath,
  parseJsonPath,
  printResults,
  relaxedJsonPath,
  selectableFieldValue,
  splitReplicasPath,
  type JsonPathNode,
} from './jsonpath.js';

/** The parse tree in preorder, each node spelled as upstream's Node.String() spells it. */
function spellTree(template: string): string[] {
  const out: string[] = [];
  const visit = (node: JsonPathNode): void => {
    switch (node.kind) {
      case 'list': out.push('NodeList'); node.nodes.forEach(visit); break;
      case 'text': out.push(`NodeText: ${node.text}`); break;
      case 'field': out.push(`NodeField: ${node.name}`); break;
      case 'identifier': out.push(`NodeIdentifier: ${node.name}`); break;
      case 'array': out.push(`NodeArray: [${node.params.map((p) => `{${p.value} ${p.known} ${p.derived}}`).join(' ')}]`); break;
      case 'filter': out.push(`NodeFilter: NodeList ${node.operator} NodeList`); visit(node.left); visit(node.right); break;
      case 'int': out.push(`NodeInt: ${node.value}`); break;
      case 'float': out.push(`NodeFloat: ${node.value.toFixed(6)}`); break;
      case 'bool': out.push(`NodeBool: ${node.value}`); break;
      case 'wildcard': out.push('NodeWildcard'); break;
      case 'recursive': out.push('NodeRecursive'); break;
      case 'union': out.push('NodeUnion'); node.lists.forEach(visit); break;
    }
  };
  parseJsonPath(template).root.nodes.forEach(visit);
  return out;
}

function parseError(template: string): string {
  try {
    parseJsonPath(template);
  } catch (err) {
    expect(err).toBeInstanceOf(JsonPathError);
    return (err as Error).message;
  }
  return 'nil';
}

function execError(template: string, data: unknown, allowMissingKeys = false): string {
  try {
    executeJsonPath(template, data, { allowMissingKeys });
  } catch (err) {
    expect(err).toBeInstanceOf(JsonPathError);
    return (err as Error).message;
  }
  return 'nil';
}

describe('parseJsonPath: parse trees (upstream parser_test table)', () => {
  const unknown = '{0 false false}';
  const cases: [template: string, nodes: string[]][] = [
    ['hello jsonpath', ['NodeText: hello jsonpath']],
    ['hello {.jsonpath}', ['NodeText: hello ', 'NodeList', 'NodeField: jsonpath']],
    ["hello {['jsonpath']}", ['NodeText: hello ', 'NodeList', 'NodeField: jsonpath']],
    ['{"{"}', ['NodeList', 'NodeText: {']],
    ['{[1:3]}', ['NodeList', `NodeArray: [{1 true false} {3 true false} ${unknown}]`]],
    ['{.book[*].author}', ['NodeList', 'NodeField: book', `NodeArray: [${unknown} ${unknown} ${unknown}]`, 'NodeField: author']],
    ['{.bicycle.*}', ['NodeList', 'NodeField: bicycle', 'NodeWildcard']],
    ['{[?(@.price<3)]}', ['NodeList', 'NodeFilter: NodeList < NodeList', 'NodeList', 'NodeField: price', 'NodeList', 'NodeInt: 3']],
    ['{..}', ['NodeList', 'NodeRecursive']],
    ['{..price}', ['NodeList', 'NodeRecursive', 'NodeField: price']],
    ['{...price}', ['NodeList', 'NodeRecursive', 'NodeField: price']],
    // A quoted key is re-parsed as .book.price: dots in it separate fields.
    ["{['book.price']}", ['NodeList', 'NodeField: book', 'NodeField: price']],
    ["{['bicycle.price', 3, 'book.price']}", [
      'NodeList', 'NodeUnion',
      'NodeList', 'NodeField: bicycle', 'NodeField: price',
      'NodeList', `NodeArray: [{3 true false} {4 true true} ${unknown}]`,
      'NodeList', 'NodeField: book', 'NodeField: price',
    ]],
    ['{range .items}{.name},{end}', [
      'NodeList', 'NodeIdentifier: range', 'NodeField: items',
      'NodeList', 'NodeField: name', 'NodeText: ,',
      'NodeList', 'NodeIdentifier: end',
    ]],
    ['{[?(@.status.nodeInfo.osImage == "()")]}', [
      'NodeList', 'NodeFilter: NodeList == NodeList',
      'NodeList', 'NodeField: status', 'NodeField: nodeInfo', 'NodeField: osImage', 'NodeList', 'NodeText: ()',
    ]],
    ['{[?(@.status.nodeInfo.osImage == "(\\"\\")")]}', [
      'NodeList', 'NodeFilter: NodeList == NodeList',
      'NodeList', 'NodeField: status', 'NodeField: nodeInfo', 'NodeField: osImage', 'NodeList', 'NodeText: ("")',
    ]],
    ['{[?(@.test == "())(")]}', ['NodeList', 'NodeFilter: NodeList == NodeList', 'NodeList', 'NodeField: test', 'NodeList', 'NodeText: ())(']],
    ["{[?(@.os == 'Linux')]}", ['NodeList', 'NodeFilter: NodeList == NodeList', 'NodeList', 'NodeField: os', 'NodeList', 'NodeText: Linux']],
    ['{[?(@.os == "{[()]}")]}', ['NodeList', 'NodeFilter: NodeList == NodeList', 'NodeList', 'NodeField: os', 'NodeList', 'NodeText: {[()]}']],
    [`{[?(@.os == "''")]}`, ['NodeList', 'NodeFilter: NodeList == NodeList', 'NodeList', 'NodeField: os', 'NodeList', "NodeText: ''"]],
    [`{[?(@.os == '""')]}`, ['NodeList', 'NodeFilter: NodeList == NodeList', 'NodeList', 'NodeField: os', 'NodeList', 'NodeText: ""']],
    ["{[?(@.os == '\\\\\\'')]}", ['NodeList', 'NodeFilter: NodeList == NodeList', 'NodeList', 'NodeField: os', 'NodeList', "NodeText: \\'"]],
    ['{[?(@.z)]}', ['NodeList', 'NodeFilter: NodeList exists NodeList', 'NodeList', 'NodeField: z', 'NodeList']],
    ['{[-5:]}', ['NodeList', `NodeArray: [{-5 true false} ${unknown} ${unknown}]`]],
    ['{[-1]}', ['NodeList', `NodeArray: [{-1 true false} {0 true true} ${unknown}]`]],
    ['{[1:-1]}', ['NodeList', `NodeArray: [{1 true false} {-1 true false} ${unknown}]`]],
    ['{[::2]}', ['NodeList', `NodeArray: [${unknown} ${unknown} {2 true false}]`]],
    // An empty index is [0:1], as upstream's slice regexp and defaults make it.
    ['{[]}', ['NodeList', `NodeArray: [${unknown} {1 true true} ${unknown}]`]],
    ['{.metadata.labels.kubernetes\\.io/hostname}', ['NodeList', 'NodeField: metadata', 'NodeField: labels', 'NodeField: kubernetes.io/hostname']],
    ['{$.a}', ['NodeList', 'NodeField: a']],
    ['{ .a }', ['NodeList', 'NodeField: a']],
    ['{true}{false}{3}{-2}{+7}{1.5}{2.}', [
      'NodeList', 'NodeBool: true', 'NodeList', 'NodeBool: false', 'NodeList', 'NodeInt: 3', 'NodeList', 'NodeInt: -2',
      'NodeList', 'NodeInt: 7', 'NodeList', 'NodeFloat: 1.500000', 'NodeList', 'NodeFloat: 2.000000',
    ]],
    ['{"a\\tb"}{\'it\\\'s\'}{"\\u00e9\\x41\\101"}', ['NodeList', 'NodeText: a\tb', 'NodeList', "NodeText: it's", 'NodeList', 'NodeText: éAA']],
    ['a}b{.c}d', ['NodeText: a}b', 'NodeList', 'NodeField: c', 'NodeText: d']],
    ['{}', ['NodeList']],
  ];
  it.each(cases)('%s', (template, nodes) => {
    expect(spellTree(template)).toEqual(nodes);
  });
});

describe('parseJsonPath: malformed templates give upstream messages', () => {
  const cases: [template: string, message: string][] = [
    ['{.hello', 'unclosed action'],
    ['{.hello\n}', 'unclosed action'],
    ['{*}', "unrecognized character in action: U+002A '*'"],
    ['{\\\\\\}', "unrecognized character in action: U+005C '\\'"],
    ['{\t.a}', 'unrecognized character in action: U+0009'],
    ['{.a{.b}}', "unrecognized character in action: U+007B '{'"],
    ['{..*}', "unrecognized character in action: U+002A '*'"],
    ['{+12.3.0}', 'cannot parse number +12.3.0'],
    ['{+}', 'cannot parse number +'],
    ['{[1}', 'unterminated array'],
    ['{[?(.price]}', 'unterminated filter'],
    ['{[?(@.a=="x")x}', 'unclosed array expect ]'],
    ['{........}', 'invalid multiple recursive descent'],
    ['{............................................................Price}', 'invalid multiple recursive descent'],
    ['{[a]}', 'invalid array index a'],
    ['{[1:2:3:4]}', 'invalid array index 1:2:3:4'],
    ['{[-]}', 'array index - is not a number'],
    ['{[1:-]}', 'array index - is not a number'],
    ['{[a,b]}', 'invalid array index a'],
    ['{"abc}', 'unterminated quoted string'],
    ['{"a\\zb"}', 'unquote string "a\\zb" error invalid syntax'],
    ["{'a\\\"b'}", "unquote string 'a\\\"b' error invalid syntax"],
    ['{[?(@.a==)]}', "unrecognized character in action: U+003D '='"],
  ];
  it.each(cases)('%j', (template, message) => {
    expect(parseError(template)).toBe(message);
  });
});

const types = {
  bools: [true, false, true, false],
  integers: [1, 2, 3, 4],
  floats: [1.0, 2.2, 3.3, 4.0],
  strings: ['one', 'two', 'three', 'four'],
  interfaces: [true, 'one', 1, 1.1],
  maps: [
    { name: 'one', value: 1 },
    { name: 'two', value: 2.02 },
    { name: 'three', value: 3.03 },
    { name: 'four', value: 4.04 },
  ],
};

const store = {
  Name: 'jsonpath',
  Book: [
    { Category: 'reference', Author: 'Nigel Rees', Title: 'Sayings of the Centurey', Price: 8.95 },
    { Category: 'fiction', Author: 'Evelyn Waugh', Title: 'Sword of Honour', Price: 12.99 },
    { Category: 'fiction', Author: 'Herman Melville', Title: 'Moby Dick', Price: 8.99 },
  ],
  Bicycle: [
    { Color: 'red', Price: 19.95, IsNew: true },
    { Color: 'green', Price: 20.01, IsNew: false },
  ],
  Labels: { engieer: 10, 'web/html': 15, 'k8s-app': 20 },
  Employees: { jason: 'manager', dan: 'clerk' },
};

const nodes = {
  kind: 'List',
  items: [
    {
      kind: 'None',
      metadata: { name: '127.0.0.1', labels: { 'kubernetes.io/hostname': '127.0.0.1' } },
      status: { capacity: { cpu: '4' }, ready: true, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }] },
    },
    {
      kind: 'None',
      metadata: { name: '127.0.0.2', labels: { 'kubernetes.io/hostname': '127.0.0.2' } },
      status: {
        capacity: { cpu: '8' },
        ready: false,
        addresses: [{ type: 'LegacyHostIP', address: '127.0.0.2' }, { type: 'another', address: '127.0.0.3' }],
      },
    },
  ],
  users: [
    { name: 'myself', user: {} },
    { name: 'e2e', user: { username: 'admin', password: 'secret' } },
  ],
};

const points = [
  { id: 'i1', x: 4, y: -5 },
  { id: 'i2', x: -2, y: -5, z: 1 },
  { id: 'i3', x: 8, y: 3 },
  { id: 'i4', x: -6, y: -1 },
  { id: 'i5', x: 0, y: 2, z: 1 },
  { id: 'i6', x: 1, y: 4 },
  { id: 'i7', x: null, y: 4 },
];

const containers = (n: number) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  spec: { containers: Array.from({ length: n }, (_, i) => ({ image: 'radial/busyboxplus:curl', name: `fake${i}` })) },
});

const pods = {
  items: [
    {
      metadata: { name: 'pod1' },
      spec: {
        containers: [
          { name: 'foo', another: [{ name: 'value1' }, { name: 'value2' }] },
          { name: 'bar', another: [{ name: 'value1' }, { name: 'value2' }] },
        ],
      },
    },
    { metadata: { name: 'pod2' }, spec: { containers: [{ name: 'baz', another: [{ name: 'value1' }, { name: 'value2' }] }] } },
  ],
};

describe('executeJsonPath: upstream jsonpath_test behaviour', () => {
  const cases: [name: string, template: string, data: unknown, output: string][] = [
    // slices of each JSON type
    ['bool slice', '{ .bools }', types, '[true,false,true,false]'],
    ['bool index', '{ .bools[0] }', types, 'true'],
    ['bool last', '{ .bools[-1] }', types, 'false'],
    ['bool sub slice', '{ .bools[0:2] }', types, 'true false'],
    ['bool first two', '{ .bools[:2] }', types, 'true false'],
    ['bool step', '{ .bools[:4:2] }', types, 'true true'],
    ['integer slice', '{ .integers }', types, '[1,2,3,4]'],
    ['integer reverse index', '{ .integers[-2] }', types, '3'],
    ['integer step', '{ .integers[:4:2] }', types, '1 3'],
    ['float slice', '{ .floats }', types, '[1,2.2,3.3,4]'],
    ['float index', '{ .floats[0] }', types, '1'],
    ['float reverse index', '{ .floats[-2] }', types, '3.3'],
    ['float sub slice', '{ .floats[0:2] }', types, '1 2.2'],
    ['string slice', '{ .strings }', types, '["one","two","three","four"]'],
    ['string index', '{ .strings[0] }', types, 'one'],
    ['string step', '{ .strings[:4:2] }', types, 'one three'],
    ['interface slice', '{ .interfaces }', types, '[true,"one",1,1.1]'],
    ['interface sub slice', '{ .interfaces[0:2] }', types, 'true one'],
    ['interface step', '{ .interfaces[:4:2] }', types, 'true 1'],
    ['map slice', '{ .maps[0:2] }', types, '{"name":"one","value":1} {"name":"two","value":2.02}'],
    ['map odd step', '{ .maps[::2] }', types, '{"name":"one","value":1} {"name":"three","value":3.03}'],
    ['map even step', '{ .maps[1::2] }', types, '{"name":"two","value":2.02} {"name":"four","value":4.04}'],
    // the store
    ['plain', 'hello jsonpath', null, 'hello jsonpath'],
    ['recursive', '{..}', [1, 2, 3], '[1,2,3]'],
    ['filter', '{[?(@<5)]}', [2, 6, 3, 7], '2 3'],
    ['quote', '{"{"}', null, '{'],
    ['union', '{[1,3,4]}', [0, 1, 2, 3, 4], '1 3 4'],
    ['array', '{[0:2]}', ['Monday', 'Tudesday'], 'Monday Tudesday'],
    ['variable', 'hello {.Name}', store, 'hello jsonpath'],
    ['dict /', '{$.Labels.web/html}', store, '15'],
    ['dict', '{$.Employees.jason}', store, 'manager'],
    ['dict -', '{.Labels.k8s-app}', store, '20'],
    ['nest', '{.Bicycle[*].Color}', store, 'red green'],
    ['all array', '{.Book[*].Author}', store, 'Nigel Rees Evelyn Waugh Herman Melville'],
    // map keys are visited in sorted order (Go's order is random)
    ['all fields', '{range .Bicycle[*]}{ "{" }{ @.* }{ "} " }{end}', store, '{red true 19.95} {green false 20.01} '],
    ['recursive fields', '{..Price}', store, '19.95 20.01 8.95 12.99 8.99'],
    ['recursive dot fields', '{...Price}', store, '19.95 20.01 8.95 12.99 8.99'],
    ['all structs', '{range .Bicycle[*]}{ @ }{ " " }{end}', store,
      '{"Color":"red","IsNew":true,"Price":19.95} {"Color":"green","IsNew":false,"Price":20.01} '],
    ['last array', '{.Book[-1:]}', store, '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
    ['recursive array', '{..Book[2].Title}', store, 'Moby Dick'],
    ['bool filter', '{.Bicycle[?(@.IsNew==true)].Color}', store, 'red'],
    ['float filter', '{.Book[?(@.Price<9.0)].Title}', store, 'Sayings of the Centurey Moby Dick'],
    ['string filter', '{.Book[?(@.Category!="fiction")].Author}', store, 'Nigel Rees'],
    ['>= filter', '{[?(@>=3)]}', [2, 6, 3, 7], '6 3 7'],
    ['<= filter', '{[?(@<=3)]}', [2, 6, 3, 7], '2 3'],
    ['> filter', '{[?(@>3)]}', [2, 6, 3, 7], '6 7'],
    ['string order', '{[?(@<"b")]}', ['a', 'b', 'c', 'B'], 'a B'],
    ['path on the right', '{[?(@.a==@.b)].id}', [{ id: 1, a: 1, b: 1 }, { id: 2, a: 1, b: 2 }], '1'],
    // JSON input
    ['exists filter', '{[?(@.z)].id}', points, 'i2 i5'],
    ['bracket key', "{[0]['id']}", points, 'i1'],
    ['nil value', "{[-1]['x']}", points, 'null'],
    // Kubernetes lists
    ['range items', '{range .items[*]}{.metadata.name}, {end}{.kind}', nodes, '127.0.0.1, 127.0.0.2, List'],
    ['range with quote', '{range .items[*]}{.metadata.name}{"\\t"}{end}', nodes, '127.0.0.1\t127.0.0.2\t'],
    ['addresses', '{.items[*].status.addresses[*].address}', nodes, '127.0.0.1 127.0.0.2 127.0.0.3'],
    ['double range', '{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}', nodes, '127.0.0.1, 127.0.0.2, 127.0.0.3, '],
    ['item names', '{.items[*].metadata.name}', nodes, '127.0.0.1 127.0.0.2'],
    ['union of keys', "{.items[*]['metadata.name', 'status.capacity']}", nodes, '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
    ['range capacity', '{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}', nodes, '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] '],
    ['user password', '{.users[?(@.name=="e2e")].user.password}', nodes, 'secret'],
    ['escaped dot', '{.items[0].metadata.labels.kubernetes\\.io/hostname}', nodes, '127.0.0.1'],
    ['escaped dot in filter', '{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}', nodes, 'None'],
    ['recursive in filter', '{.items[?(@..ready==true)].metadata.name}', nodes, '127.0.0.1'],
    ['recursive name', '{..name}', nodes, '127.0.0.1 127.0.0.2 myself e2e'],
    // nested ranges
    ['nested range', '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}', pods,
      'pod1:foo,bar,+pod2:baz,+'],
    ['three nested ranges',
      '{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}',
      pods, 'pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,value2,+#'],
    ['sibling ranges',
      '{range .items[*]}{.metadata.name}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\n"}{end}',
      pods, 'pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n'],
    // negative indexes and slices
    ['[0]', '{.spec.containers[0].name}', containers(4), 'fake0'],
    ['[0:0]', '{.spec.containers[0:0].name}', containers(4), ''],
    ['[0:-1]', '{.spec.containers[0:-1].name}', containers(4), 'fake0 fake1 fake2'],
    ['[-1]', '{.spec.containers[-1].name}', containers(4), 'fake3'],
    ['[-1:]', '{.spec.containers[-1:].name}', containers(4), 'fake3'],
    ['[-2]', '{.spec.containers[-2].name}', containers(4), 'fake2'],
    ['[-2:]', '{.spec.containers[-2:].name}', containers(4), 'fake2 fake3'],
    ['[-4]', '{.spec.containers[-4].name}', containers(4), 'fake0'],
    ['[-4:]', '{.spec.containers[-4:].name}', containers(4), 'fake0 fake1 fake2 fake3'],
    ['[5:5]', '{.spec.containers[5:5].name}', containers(4), ''],
    ['[-5:-5]', '{.spec.containers[-5:-5].name}', containers(4), ''],
    ['[*] of empty', '{.spec.containers[*].name}', containers(0), ''],
    // steps
    ['[0:]', '{.spec.containers[0:].name}', containers(6), 'fake0 fake1 fake2 fake3 fake4 fake5'],
    ['[0:6:]', '{.spec.containers[0:6:].name}', containers(6), 'fake0 fake1 fake2 fake3 fake4 fake5'],
    ['[1:4:2]', '{.spec.containers[1:4:2].name}', containers(6), 'fake1 fake3'],
    ['[1:4:4]', '{.spec.containers[1:4:4].name}', containers(6), 'fake1'],
    ['[0:6:5]', '{.spec.containers[0:6:5].name}', containers(6), 'fake0 fake5'],
    ['[0:6:6]', '{.spec.containers[0:6:6].name}', containers(6), 'fake0'],
    // literals, wildcards over maps and strings
    ['literals', '{true} {3} {1.5} {"x"}', null, 'true 3 1.5 x'],
    ['wildcard of a map', '{.Labels.*}', store, '10 20 15'],
    ['wildcard of a string yields bytes', '{.s.*}', { s: 'hé' }, '104 195 169'],
    ['empty index is the first element', '{.a[]}', { a: [7, 8] }, '7'],
  ];
  it.each(cases)('%s', (_name, template, data, output) => {
    expect(executeJsonPath(template, data)).toBe(output);
  });
});

describe('executeJsonPath: missing keys', () => {
  it('are an error by default, and nothing when allowed', () => {
    expect(execError('{.hello}', store)).toBe('hello is not found');
    expect(execError('{.spec.replicas}', { metadata: {} })).toBe('spec is not found');
    expect(execError('{.spec.replicas}', { spec: null })).toBe('replicas is not found');
    expect(executeJsonPath('{.hello}', store, { allowMissingKeys: true })).toBe('');
    expect(executeJsonPath('before-{.hello}after', store, { allowMissingKeys: true })).toBe('before-after');
  });

  const annotated = {
    kind: 'List',
    items: [
      { kind: 'Pod', metadata: { name: 'pod1', annotations: { color: 'blue' } } },
      { kind: 'Pod', metadata: { name: 'pod2' } },
      { kind: 'Pod', metadata: { name: 'pod3', annotations: { color: 'green' } } },
      { kind: 'Pod', metadata: { name: 'pod4', annotations: { color: 'blue' } } },
    ],
  };
  const byColor = '{.items[?(@.metadata.annotations.color=="blue")].metadata.name}';

  it('in a filter comparison skip the item only when allowed (issue 45546)', () => {
    expect(executeJsonPath(byColor, annotated, { allowMissingKeys: true })).toBe('pod1 pod4');
    expect(execError(byColor, annotated)).toBe('annotations is not found');
  });

  it('in an empty range are still walked to find the end', () => {
    const empty = { items: [] };
    expect(executeJsonPath('{range .items[*]}{.metadata.name}{end}', empty, { allowMissingKeys: true })).toBe('');
    expect(executeJsonPath(
      '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}', empty, { allowMissingKeys: true },
    )).toBe('');
    expect(execError('{range .items[*]}{.metadata.name}{end}', empty)).toBe('metadata is not found');
  });

  it('let a filter without @ pass over items lacking the field', () => {
    const running = {
      kind: 'List',
      items: [
        { kind: 'Pod', metadata: { name: 'pod1' }, status: { phase: 'Running' } },
        { kind: 'Pod', metadata: { name: 'pod2' }, status: { phase: 'Running' } },
        { kind: 'Pod', metadata: { name: 'pod3' }, status: { phase: 'Running' } },
        { resourceVersion: '' },
      ],
    };
    expect(executeJsonPath('{range .items[?(.status.phase=="Running")]}{.metadata.name}{" is Running\\n"}{end}', running, { allowMissingKeys: true }))
      .toBe('pod1 is Running\npod2 is Running\npod3 is Running\n');
  });
});

describe('executeJsonPath: evaluation errors with upstream messages', () => {
  const cases: [template: string, data: unknown, message: string][] = [
    ['{hello}', store, 'unrecognized identifier hello'],
    ['{.Labels[0]}', store, 'map[string]interface {} is not array or slice'],
    ['{.Name[0]}', store, 'string is not array or slice'],
    ['{.Book[?(@.Price<>10)]}', store, 'unrecognized filter operator <>'],
    ['{range .Labels.*}{@}{end}{end}', store, 'not in range, nothing to end'],
    ['{end}', store, 'not in range, nothing to end'],
    ['{.spec.containers[-1:0].name}', containers(4), 'starting index 3 is greater than ending index 0'],
    ['{.spec.containers[-5].name}', containers(4), 'array index out of bounds: index -1, length 4'],
    ['{.spec.containers[4].name}', containers(4), 'array index out of bounds: index 4, length 4'],
    ['{.spec.containers[0:5].name}', containers(4), 'array index out of bounds: index 4, length 4'],
    ['{.spec.containers[3:1].name}', containers(4), 'starting index 3 is greater than ending index 1'],
    ['{.spec.containers[-1:-2].name}', containers(4), 'starting index 3 is greater than ending index 2'],
    ['{.spec.containers[0:6:0].name}', containers(6), 'step must be > 0'],
    ['{.spec.containers[0:6:-1].name}', containers(6), 'step must be > 0'],
    ['{.a[0]}', { a: [] }, 'array index out of bounds: index 0, length 0'],
    // int64 data against a float literal, float64 data against an int literal: Go will not compare
    ['{[?(@<5.0)]}', [2, 6], 'incompatible types for comparison'],
    ['{.Book[?(@.Price<10)].Title}', store, 'incompatible types for comparison'],
    ['{[?(@=="1")]}', [1], 'incompatible types for comparison'],
    ['{[?(@.a==1)]}', [{ a: { b: 1 } }], 'invalid type for comparison'],
    ['{[?(@.a==1)]}', [{ a: null }], 'invalid type for comparison'],
    ['{[?(@<true)]}', [false], 'invalid type for comparison'],
    ['{[?(@.a[*]==1)]}', [{ a: [1, 2] }], 'can only compare one element at a time'],
    ['{.a[?(@.x)]}', { a: null }, '<nil> is not array or slice and cannot be filtered'],
    ['{.a[?(@.x)]}', { a: { x: 1 } }, 'map[x:1] is not array or slice and cannot be filtered'],
    ["{['a', 'b']}", { a: 1 }, 'b is not found'],
  ];
  it.each(cases)('%s', (template, data, message) => {
    expect(execError(template, data)).toBe(message);
  });
});

describe('executeJsonPath: upstream quirks kept', () => {
  it('a range without end runs its body, then the body again on the whole object', () => {
    expect(executeJsonPath('{range .items[*]}{.metadata.name}', nodes, { allowMissingKeys: true })).toBe('127.0.0.1127.0.0.2');
  });

  it('an existence filter keeps items whose test failed in an array step', () => {
    expect(executeJsonPath('{[?(@.a[0])].id}', [{ id: 1, a: [] }, { id: 2, a: [1] }, { id: 3 }])).toBe('1 2');
  });

  it('an empty slice stops the step for every later input', () => {
    expect(executeJsonPath('{.items[*].a[1:1]}', { items: [{ a: [1] }, { a: [2, 3] }] })).toBe('');
  });
});

describe('findResults', () => {
  it('returns one list per template node, with JSON values as they are', () => {
    const pod = { metadata: { name: 'web' }, spec: { replicas: 3, selector: { app: 'web' } } };
    expect(findResults('name: {.metadata.name} {.spec.replicas}{.spec.selector}', pod)).toEqual([
      ['name: '], ['web'], [' '], [3], [{ app: 'web' }],
    ]);
    expect(findResults(parseJsonPath('{.spec.missing}'), pod, { allowMissingKeys: true })).toEqual([[]]);
  });

  it('turns float literals back into numbers', () => {
    expect(findResults('{2.0}', {})).toEqual([[2]]);
  });
});

describe('printResults', () => {
  const cases: [values: unknown[], output: string][] = [
    [[], ''],
    [['a', 'b c'], 'a b c'],
    [[1, -2, 1.5, 0.1], '1 -2 1.5 0.1'],
    [[1234567.5, 0.00001, 2 ** 53], '1.2345675e+06 1e-05 9007199254740992'],
    [[true, false, null], 'true false null'],
    [[{ b: 1, a: '<x>' }], '{"a":"\\u003cx\\u003e","b":1}'],
    [[[1, 'a', null, { c: [] }]], '[1,"a",null,{"c":[]}]'],
    [[{}, []], '{} []'],
  ];
  it.each(cases)('%j', (values, output) => {
    expect(printResults(values)).toBe(output);
  });
});

describe('relaxedJsonPath (kubectl RelaxedJSONPathExpression)', () => {
  it.each([
    ['metadata.name', '{.metadata.name}'],
    ['.metadata.name', '{.metadata.name}'],
    ['{metadata.name}', '{.metadata.name}'],
    ['{.metadata.name}', '{.metadata.name}'],
    ['.status.conditions[?(@.type=="Ready")].status', '{.status.conditions[?(@.type=="Ready")].status}'],
    ['', ''],
  ])('%s', (input, output) => {
    expect(relaxedJsonPath(input)).toBe(output);
  });

  it.each(['{.a}{.b}', '{}', '{.a', 'a}'])('rejects %s', (input) => {
    expect(() => relaxedJsonPath(input)).toThrow(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  });
});

describe('printer columns', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  const widget = {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w', creationTimestamp: '2024-05-01T11:55:00Z' },
    spec: {
      replicas: 3,
      ratio: 0.5,
      paused: false,
      selector: { app: 'web' },
      containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis' }],
      servers: [{ hosts: ['foo'] }, { hosts: ['bar', 'baz'] }],
      foo: [{ bar: [1] }, { bar: [2, 3] }],
      nothing: null,
    },
    status: {
      conditions: [
        { type: 'Synced', status: 'False' },
        { reason: 'NoType' },
        { type: 'Ready', status: 'True', lastTransitionTime: '2024-04-30T12:00:00Z' },
      ],
    },
  };
  const cell = (jsonPath: string, type: string, obj: unknown = widget) => columnCell(parseColumnPath(jsonPath), type, obj, now);

  it('evaluates condition filters, tolerating items without the field', () => {
    expect(cell('.status.conditions[?(@.type=="Ready")].status', 'string')).toBe('True');
    expect(cell('.status.conditions[?(@.type=="Ready")].lastTransitionTime', 'date')).toBe('24h');
    expect(cell('.status.conditions[?(@.type=="Gone")].status', 'string')).toBeNull();
    expect(cell('.status.conditions[?(@.type=="Ready")].status', 'string', { status: {} })).toBeNull();
  });

  it('keeps only the first result', () => {
    expect(cell('.spec.containers[*].image', 'string')).toBe('nginx');
    expect(cell('.spec.servers[0].hosts[0]', 'string')).toBe('foo');
    expect(cell('.spec.servers[0].hosts', 'string')).toBe('["foo"]');
    expect(cell('.spec.servers[1].hosts', 'string')).toBe('["bar","baz"]');
    expect(cell('.spec.servers[*].hosts', 'string')).toBe('["foo"]');
    expect(cell('.spec.foo[0].bar[0]', 'string')).toBe('1');
    expect(cell('.spec.foo[*].bar', 'string')).toBe('[1]');
    expect(cell('.spec.foo[0].bar[0]', 'integer')).toBe(1);
    expect(cell('.spec.foo[0].bar', 'integer')).toBeNull();
  });

  it('converts to the column type', () => {
    expect(cell('.metadata.creationTimestamp', 'date')).toBe('5m');
    expect(cell('.spec.replicas', 'integer')).toBe(3);
    expect(cell('.spec.ratio', 'integer')).toBe(0);
    expect(cell('.spec.replicas', 'number')).toBe(3);
    expect(cell('.spec.ratio', 'number')).toBe(0.5);
    expect(cell('.spec.paused', 'boolean')).toBe(false);
    expect(cell('.spec.paused', 'string')).toBe('false');
    expect(cell('.spec.replicas', 'string')).toBe('3');
    expect(cell('.spec.selector', 'string')).toBe('{"app":"web"}');
    expect(cell('.spec.replicas', 'boolean')).toBeNull();
    expect(cell('.metadata.name', 'integer')).toBeNull();
  });

  it('gives null for missing values and errors, and <no value> for a null string', () => {
    expect(cell('.spec.missing', 'string')).toBeNull();
    expect(cell('.spec.missing.deeper', 'integer')).toBeNull();
    expect(cell('.spec.containers[5].image', 'string')).toBeNull();
    expect(cell('.spec.nothing', 'string')).toBe('<no value>');
    expect(cell('.spec.nothing', 'integer')).toBeNull();
  });

  it('rejects a column path that does not parse, quoting it', () => {
    expect(() => parseColumnPath('.spec[')).toThrow('unrecognized column definition ".spec["');
    expect(() => parseColumnPath('.a["b]')).toThrow('unrecognized column definition ".a[\\"b]"');
    expect(parseColumnPath('.a"b').root.nodes).toEqual([{ kind: 'list', nodes: [{ kind: 'field', name: 'a"b' }] }]);
  });

  // upstream's Test_cellForJSONValue
  it.each([
    ['integer', 42, 42],
    ['integer', 3.14, 3],
    ['integer', true, null],
    ['integer', 'foo', null],
    ['number', 42, 42],
    ['number', 3.14, 3.14],
    ['number', true, null],
    ['number', 'foo', null],
    ['boolean', 42, null],
    ['boolean', true, true],
    ['boolean', 'foo', null],
    ['string', 42, null],
    ['string', true, null],
    ['string', 'foo', 'foo'],
    ['date', 42, null],
    ['date', true, null],
    ['date', '2024-05-01T00:00:00Z', '12h'],
    ['date', '2024-05-01T00:00:00.999Z', '11h'],
    ['date', '2024-05-02T00:30:00Z', '<invalid>'],
    ['date', '2024-05-01T13:00:00+01:00', '0s'],
    ['date', '2024-05-01T1:00:00-02:00', '9h'],
    ['date', '', '<unknown>'],
    ['date', 'null', '<unknown>'],
    ['date', '0001-01-01T00:00:00Z', '<unknown>'],
    ['date', '2024-02-30T00:00:00Z', '<invalid>'],
    ['date', '2024-05-01', '<invalid>'],
    ['date', '2024-05-01 00:00:00Z', '<invalid>'],
    ['date', 'yesterday', '<invalid>'],
    ['unknown', 'foo', null],
    ['integer', null, null],
  ])('cellForJsonValue(%s, %j) is %j', (type, value, want) => {
    expect(cellForJsonValue(type, value, now)).toBe(want);
  });
});

describe('selectableFieldValue', () => {
  const field = (jsonPath: string) => parseJsonPath(`{${jsonPath}}`);
  const obj = { spec: { color: 'red', size: 3, big: true, list: [1, 2], map: { a: 1 }, none: null } };

  it('prints the single value as fmt.Sprint does, "" when missing or null', () => {
    expect(selectableFieldValue(field('.spec.color'), obj)).toBe('red');
    expect(selectableFieldValue(field('.spec.size'), obj)).toBe('3');
    expect(selectableFieldValue(field('.spec.big'), obj)).toBe('true');
    expect(selectableFieldValue(field('.spec.map'), obj)).toBe('map[a:1]');
    expect(selectableFieldValue(field('.spec.none'), obj)).toBe('');
    expect(selectableFieldValue(field('.spec.missing'), obj)).toBe('');
  });

  it('fails on several values and on evaluation errors', () => {
    expect(() => selectableFieldValue(field('.spec.list[*]'), obj)).toThrow('unexpectedly received more than one JSON path result');
    expect(() => selectableFieldValue(field('.spec.list[5]'), obj))
      .toThrow('unexpected error finding value with jsonPath: array index out of bounds: index 5, length 2');
  });
});

describe('parseFieldPath (ValidFieldPath without a schema)', () => {
  it.each([
    ['.spec.replicas', ['spec', 'replicas']],
    [".spec['x.y'].z", ['spec', 'x.y', 'z']],
    [".metadata.labels['app.kubernetes.io/name']", ['metadata', 'labels', 'app.kubernetes.io/name']],
    [".spec['it\\'s']", ['spec', "it's"]],
    [".spec['a\\tb']", ['spec', 'a\tb']],
    ['', []],
  ])('%s', (path, names) => {
    expect(parseFieldPath(path)).toEqual(names);
  });

  it.each([
    ['spec', 'expected [ or . but got: spec'],
    ['.', 'unexpected end of JSON path'],
    ['.spec.', 'unexpected end of JSON path'],
    ['.spec[', 'unexpected end of JSON path'],
    [".spec['a'", 'unexpected end of JSON path'],
    ['.spec[0]', 'expected single quoted string but got 0'],
    [".spec['a", "expected single quoted string but got 'a"],
    [".spec['a'x]", 'expected ] but got x'],
    [".spec['a\\zb\\qc']", 'invalid string literal: invalid escape char \\q'],
    ['.spec]', 'expected [ or . but got: ]'],
  ])('rejects %s', (path, message) => {
    expect(() => parseFieldPath(path)).toThrow(message);
  });

  it('refuses brackets when array notation is not allowed, as for selectableFields', () => {
    expect(parseFieldPath('.spec.color', { allowArrayNotation: false })).toEqual(['spec', 'color']);
    expect(() => parseFieldPath(".spec['color']", { allowArrayNotation: false })).toThrow('array notation is not allowed');
  });
});

describe('splitReplicasPath (scale subresource)', () => {
  it.each([
    ['.spec.replicas', ['spec', 'replicas']],
    ['.status.replicas', ['status', 'replicas']],
    ['spec.replicas', ['spec', 'replicas']],
    ['.spec.a[0]', ['spec', 'a[0]']],
  ])('%s', (path, names) => {
    expect(splitReplicasPath(path)).toEqual(names);
  });
});
