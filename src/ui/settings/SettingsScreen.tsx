import { AccountSettings } from '../account/AccountSettings.tsx';
import { usePageTitle } from '../common/usePageTitle.ts';
import { NetworkLab } from '../lab/NetworkLab.tsx';
import { ConflictStrategySection } from './ConflictStrategySection.tsx';
import { ClearDeviceSection } from './ClearDeviceSection.tsx';
import { DataSection } from './DataSection.tsx';
import { DeviceNameSection } from './DeviceNameSection.tsx';
import { KeyboardSection } from './KeyboardSection.tsx';
import { StorageSection } from './StorageSection.tsx';
import { SyncCheckSection } from './SyncCheckSection.tsx';
import { ThemeSection } from './ThemeSection.tsx';

/**
 * Settings: light or dark, this device's name, what it stores, your data (backup and import),
 * the keyboard shortcuts, how the server settles edits that collide (P3), checking this device
 * against the server (V3), the account (signed in: its sessions, password and deletion, A6), and
 * (when the server allows it) the network lab; and clearing the device.
 */
export function SettingsScreen() {
  usePageTitle('Settings');
  return (
    <div className="settings">
      <h1>Settings</h1>
      <ThemeSection />
      <DeviceNameSection />
      <StorageSection />
      <DataSection />
      <KeyboardSection />
      <ConflictStrategySection />
      <SyncCheckSection />
      <AccountSettings />
      <ClearDeviceSection />
      <NetworkLab />
    </div>
  );
}
