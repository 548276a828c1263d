import { bankToYaml } from '../../src/banks/formats/yaml-bank';
import type { Bank, Question } from '../../src/banks/question.schemas';
import { sample } from './questions';

/** A small bank file in the shipped YAML format. */
export function bankFile(
  overrides: Partial<Bank> = {},
  name?: string,
): { name: string; text: string } {
  const bank: Bank = {
    skill: 'http-basics',
    name: 'HTTP basics',
    description: 'Methods, status codes, headers.',
    keywords: ['http', 'rest'],
    questions: [
      sample('single', { id: 'http-001' }),
      sample('true_false', { id: 'http-002' }),
    ] as Question[],
    ...overrides,
  };
  return { name: name ?? `${bank.skill}.yaml`, text: bankToYaml(bank) };
}
