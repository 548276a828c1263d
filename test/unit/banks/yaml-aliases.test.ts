import { parseBankYaml } from '../../../src/banks/formats/yaml-bank';

describe('YAML aliases in a bank file', () => {
  it('refuses an alias bomb with a plain problem instead of throwing', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i += 1) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const text = `skill: bomb\nname: Bomb\n${levels.join('\n')}\nquestions: []\n`;
    const result = parseBankYaml(text, 'bomb.yaml');
    expect(result.bank).toBeUndefined();
    expect(result.problems[0]).toEqual({
      line: 4,
      message: 'YAML aliases (*a) are not allowed in bank files: write the value out in full.',
    });
  });

  it('refuses even a single harmless alias, naming its line', () => {
    const text = 'skill: s\nname: &n Name\ndescription: *n\nquestions: []\n';
    expect(parseBankYaml(text, 's.yaml').problems).toEqual([
      {
        line: 3,
        message: 'YAML aliases (*n) are not allowed in bank files: write the value out in full.',
      },
    ]);
  });
});
