import type { Metadata } from 'next';
import Link from 'next/link';
import { MonitorForm } from '../monitor-form';

export const metadata: Metadata = { title: 'New monitor' };

export default function NewMonitorPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <p className="muted" style={{ margin: 0 }}>
            <Link href="/monitors">← Monitors</Link>
          </p>
          <h1>New monitor</h1>
        </div>
      </div>
      <p className="lede">
        Say what you want to know about. I turn it into a plan you can check before anything is
        saved.
      </p>
      <MonitorForm />
    </>
  );
}
