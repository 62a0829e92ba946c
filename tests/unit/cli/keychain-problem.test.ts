// What a person reads when the keychain cannot be used: what to do about it, not libsecret's internals.
import { describe, expect, it } from 'vitest';
import { keychainProblem } from '../../../src/cli/keychain-access';

describe('keychainProblem', () => {
  it('turns a D-Bus autolaunch failure into "no keychain session here"', () => {
    const raw = 'Could not read the token for https://api.frame.io/v4 in the OS keychain: Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead';
    const said = keychainProblem(raw);
    expect(said).toBe('no D-Bus session with GNOME Keyring or KWallet is running here');
    expect(said).not.toMatch(/X11|autolaunch|Platform failure/);
  });

  it('says a keychain that does not answer may be waiting for its password', () => {
    expect(keychainProblem('keychain read timed out after 20000 ms')).toMatch(/did not answer in time/);
  });

  it('keeps another message to its first sentence, at most 120 characters', () => {
    expect(keychainProblem('Access denied. Something deeper went wrong in the backend.')).toBe('Access denied.');
    expect(keychainProblem('x'.repeat(300))).toHaveLength(118);
  });
});
