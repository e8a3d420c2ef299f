import type { Metadata } from 'next';
import { MonitorList } from './monitor-list';

export const metadata: Metadata = { title: 'Monitors' };

export default function MonitorsPage() {
  return <MonitorList />;
}
