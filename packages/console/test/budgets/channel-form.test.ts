import { describe, expect, it } from 'vitest';
import { channelBody, channelTarget, emptyChannelForm, recipientList, validateChannelForm } from '../../src/budgets/channel-form.js';

describe('a new notification channel', () => {
  it('takes a webhook with a name and an http(s) URL', () => {
    const form = { ...emptyChannelForm('WEBHOOK'), name: ' Ops ', url: ' https://hooks.example.com/x ' };
    expect(validateChannelForm(form)).toEqual({});
    expect(channelBody(form)).toEqual({ kind: 'WEBHOOK', name: 'Ops', url: 'https://hooks.example.com/x' });
  });

  it('refuses a webhook without a usable URL or a name', () => {
    expect(Object.keys(validateChannelForm({ ...emptyChannelForm('WEBHOOK'), url: 'ftp://x.example' })).sort()).toEqual(['name', 'url']);
    expect(validateChannelForm({ ...emptyChannelForm('WEBHOOK'), name: 'a', url: 'not a url' }).url).toBeDefined();
  });

  it('takes e-mail recipients separated by commas, semicolons or lines', () => {
    expect(recipientList('a@x.io, b@y.io;\nc@z.io  ')).toEqual(['a@x.io', 'b@y.io', 'c@z.io']);
    const form = { ...emptyChannelForm('EMAIL'), name: 'FinOps', recipients: 'a@x.io\nb@y.io' };
    expect(validateChannelForm(form)).toEqual({});
    expect(channelBody(form)).toEqual({ kind: 'EMAIL', name: 'FinOps', recipients: ['a@x.io', 'b@y.io'] });
  });

  it('names the addresses it refuses, and wants 1 to 50', () => {
    expect(validateChannelForm({ ...emptyChannelForm('EMAIL'), name: 'x', recipients: 'a@x.io, nope' }).recipients).toMatch(/nope/);
    expect(validateChannelForm({ ...emptyChannelForm('EMAIL'), name: 'x', recipients: ' ' }).recipients).toMatch(/1 to 50/);
    const many = Array.from({ length: 51 }, (_, i) => `u${i}@x.io`).join(',');
    expect(validateChannelForm({ ...emptyChannelForm('EMAIL'), name: 'x', recipients: many }).recipients).toMatch(/1 to 50/);
  });

  it('says where a channel sends', () => {
    expect(channelTarget({ kind: 'WEBHOOK', url: 'https://h.example' })).toBe('https://h.example');
    expect(channelTarget({ kind: 'EMAIL', recipients: ['a@x.io', 'b@y.io'] })).toBe('a@x.io, b@y.io');
  });
});
