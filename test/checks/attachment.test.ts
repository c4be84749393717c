import { beforeAll, describe, expect, it } from 'vitest';
import type { Validator } from '../../src/api/index.js';
import { base64ByteLength } from '../../src/checks/attachment.js';
import { coreValidator, expectIssue, expectNoIssue, issuesOf } from './helpers.js';

describe('attachment check', () => {
  let v: Validator;
  beforeAll(async () => {
    v = await coreValidator();
  });
  // 'aGVsbG8=' is 'hello': 5 bytes.
  const media = (attachment: Record<string, unknown>) => ({ resourceType: 'Media', status: 'completed', content: attachment });

  it('counts the bytes base64 text decodes to', () => {
    expect([base64ByteLength(''), base64ByteLength('aGVsbG8='), base64ByteLength('aGVsbG8h'), base64ByteLength('aGVs\nbA=='), base64ByteLength('aGk=')]).toEqual([0, 5, 6, 4, 2]);
  });

  it('accepts a size that matches the data, and an attachment without one of them', () => {
    expectNoIssue(issuesOf(v, media({ contentType: 'text/plain', data: 'aGVsbG8=', size: 5 })), 'attachment-size-mismatch');
    expectNoIssue(issuesOf(v, media({ contentType: 'text/plain', data: 'aGVsbG8=' })), 'attachment-size-mismatch');
    expectNoIssue(issuesOf(v, media({ contentType: 'text/plain', url: 'http://example.org/a', size: 5 })), 'attachment-size-mismatch');
  });

  it('reports a stated size that differs from the data, at the Attachment', () => {
    const issue = expectIssue(issuesOf(v, media({ contentType: 'text/plain', data: 'aGVsbG8=', size: 50 })), 'attachment-size-mismatch', 'Media.content', 'error');
    expect(issue.message).toContain('50');
    expect(issue.message).toContain('5 bytes');
  });

  it('leaves data that is not base64 to the base64Binary check', () => {
    const issues = issuesOf(v, media({ contentType: 'text/plain', data: 'not base64!', size: 5 }));
    expectNoIssue(issues, 'attachment-size-mismatch');
    expectIssue(issues, 'primitive-format', 'Media.content.data');
  });
});
