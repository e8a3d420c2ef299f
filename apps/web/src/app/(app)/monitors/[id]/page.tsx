import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { MonitorDetail } from './monitor-detail';

export const metadata: Metadata = { title: 'Monitor' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function MonitorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  return <MonitorDetail id={id} />;
}
