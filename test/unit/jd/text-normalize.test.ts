import {
  cleanSourceLines,
  decodeEntities,
  fixMojibake,
  fromC1Controls,
  MAX_INPUT_CHARS,
  splitSentences,
  stem,
  stripPlaceholders,
} from '../../../src/jd/text-normalize';

/** UTF-8 bytes read back as Windows-1252, the usual copy-paste accident. */
function mojibake(text: string): string {
  const cp1252 = new TextDecoder('windows-1252');
  return [...Buffer.from(text, 'utf8')].map((byte) => cp1252.decode(Uint8Array.of(byte))).join('');
}

describe('fixMojibake', () => {
  it.each([
    ['You’ll ship “boring” code — daily • on time…', 'curly quotes, dashes, bullets'],
    ['Köln, Zürich, São Paulo, naïve café', 'accented letters'],
    ['Prices in € and ™ marks', 'symbols'],
  ])('restores %s (%s)', (text) => {
    expect(fixMojibake(mojibake(text))).toBe(text);
  });

  it('restores text that went through the mistake twice', () => {
    expect(fixMojibake(mojibake(mojibake('You’ll')))).toBe('You’ll');
  });

  it('handles the sequences whose last byte was lost on the way', () => {
    expect(fixMojibake('Weâ€™re â€œfastâ€ â€" and friendlyÂ team')).toBe(
      'We’re “fast” — and friendly team',
    );
  });

  it('marks an emoji that lost a byte with U+FFFD and drops a broken variation selector', () => {
    // 🏢 is F0 9F 8F A2; Windows-1252 has no 0x8F, so the copy kept three of four bytes.
    expect(fixMojibake('ðŸ¢ About us')).toBe('\ufffd About us');
    // ⚙️ is E2 9A 99 EF B8 8F: the symbol survives, its variation selector lost 0x8F.
    expect(fixMojibake('âš™ï¸ Requirements')).toBe('⚙ Requirements');
    expect(fixMojibake('âš Setup')).toBe('\ufffd Setup');
  });

  it('leaves correct text alone', () => {
    const text = 'Crème brûlée, Ærø, “quotes” and ÂGE in capitals';
    expect(fixMojibake(text)).toBe(text);
  });
});

describe('fromC1Controls', () => {
  it('reads Windows-1252 text that was decoded as Latin-1', () => {
    const latin1 = Buffer.from([0x93, 0x47, 0x69, 0x74, 0x94, 0x20, 0x96, 0x20, 0x81]).toString(
      'latin1',
    );
    expect(fromC1Controls(latin1)).toBe('“Git” – ');
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric entities and keeps unknown ones', () => {
    expect(decodeEntities('R&amp;D &lt;b&gt; &#8217; &#x2014; &nbsp;x &bogus; &#0;')).toBe(
      'R&D <b> ’ —  x &bogus; &#0;',
    );
  });
});

describe('stripPlaceholders', () => {
  it('removes {{...}} inline and across lines, keeping the line count', () => {
    const text = 'Git {{inline}} and SQL\n{{a placeholder\nover two lines}}\nDocker';
    const stripped = stripPlaceholders(text);
    expect(stripped.split('\n')).toEqual(['Git  and SQL', '', '', 'Docker']);
  });

  it('cuts an unclosed placeholder at the end of its line', () => {
    expect(stripPlaceholders('Node.js {{never closed\nGit')).toBe('Node.js \nGit');
  });
});

describe('cleanSourceLines', () => {
  it('splits CRLF, CR and LF, keeps indentation (tabs as 4) and folds inner white space', () => {
    expect(cleanSourceLines('a\r\n\t• b\u00a0\u00a0c\rd\u200b\n')).toEqual([
      { text: 'a', line: 1 },
      { text: '    • b c', line: 2 },
      { text: 'd', line: 3 },
      { text: '', line: 4 },
    ]);
  });

  it('turns stray HTML into lines and bullets, all on the source line', () => {
    const lines = cleanSourceLines('<h2>Skills</h2><ul><li><b>Git</b> &amp; SQL</li></ul>');
    expect(lines.filter((line) => line.text)).toEqual([
      { text: '# Skills', line: 1 },
      { text: '• **Git** & SQL', line: 1 },
    ]);
  });

  it('removes other tags and comments', () => {
    const lines = cleanSourceLines('<span class="x">Git</span><!-- hidden --><br/>SQL');
    expect(lines.map((line) => line.text)).toEqual(['Git', 'SQL']);
  });

  it('ignores input beyond the cap', () => {
    const lines = cleanSourceLines('a'.repeat(MAX_INPUT_CHARS + 10));
    expect(lines[0]?.text).toHaveLength(MAX_INPUT_CHARS);
  });
});

describe('stem', () => {
  it.each([
    ['scaling', 'scalable', 'scalability', 'scale'],
    ['authorization', 'authorisation', 'authorize', 'authorizing'],
    ['authentication', 'authenticate', 'authenticating'],
    ['migration', 'migrations', 'migrate', 'migrating'],
    ['security', 'secure'],
    ['cookies', 'cookie'],
    ['queries', 'query'],
    ['optimisation', 'optimization', 'optimizing'],
    ['modelling', 'modeling'],
    ['apis', 'api'],
  ])('maps %s and its family to one stem', (...words) => {
    expect(new Set(words.map(stem)).size).toBe(1);
  });

  it.each(['access', 'status', 'analysis', 'redis', 'speed', 'string', 'html5', 'css'])(
    'leaves %s recognisable',
    (word) => {
      expect(stem(word)).toBe(word);
    },
  );

  it('keeps apart what should stay apart', () => {
    expect(stem('accessibility')).not.toBe(stem('access'));
    expect(stem('formats')).not.toBe(stem('forms'));
  });
});

describe('splitSentences', () => {
  it('splits at sentence ends but not after abbreviations or initials', () => {
    expect(
      splitSentences('Use e.g. Git or SVN. We ship daily! Ask J. Smith? 3 teams. lower case', 300),
    ).toEqual(['Use e.g. Git or SVN.', 'We ship daily!', 'Ask J. Smith?', '3 teams. lower case']);
  });

  it('cuts very long sentences at spaces, and words without spaces anywhere', () => {
    const pieces = splitSentences(`${'word '.repeat(200)}${'x'.repeat(700)}`, 300);
    expect(pieces.every((piece) => piece.length <= 300)).toBe(true);
    expect(pieces.join('').replace(/\s/g, '')).toBe(`${'word'.repeat(200)}${'x'.repeat(700)}`);
  });
});
