import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Descriptions, Input, Result, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { can } from '../access';
import { refusalText, type Person } from '../api';
import { ApplyForShareDocument, CatalogDocument, type CatalogQuery } from '../gql/graphql';
import { accessLabels, shareTypeLabels } from '../labels';
import { navigate } from '../route';
import { useUnits } from '../units';

type Resource = CatalogQuery['catalog'][number];
type Access = CatalogQuery['myAccess'][number];

/** Statuses under which the unit already reads a field over every record it may ask for: nothing to apply for. */
const READABLE_EVERYWHERE = new Set(['OPEN']);

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * 申请: a wizard in the order the Measures ask for — which resources (of one
 * provider), the fields actually needed, the purpose, whose records, until
 * when — showing at each step what the unit can already read, so nobody
 * applies for what it has. The pool checks everything again (minimum
 * necessary, the catalog's limits) and its refusal is shown in its words.
 */
export function ApplyPage({ person }: { person: Person }) {
  const { message } = AntApp.useApp();
  const [{ data, error, fetching }] = useQuery({ query: CatalogDocument });
  const [, apply] = useMutation(ApplyForShareDocument);
  const { units, unitName } = useUnits();
  const [step, setStep] = useState(0);
  const [resources, setResources] = useState<string[]>([]);
  const [fields, setFields] = useState<string[]>([]);
  const [purpose, setPurpose] = useState('');
  const [rowScope, setRowScope] = useState<string[]>([]);
  const [validUntil, setValidUntil] = useState('');
  const [submitting, setSubmitting] = useState(false);

  const catalog = useMemo(() => data?.catalog ?? [], [data]);
  const access = useMemo(() => new Map((data?.myAccess ?? []).map((entry) => [entry.coordinate, entry])), [data]);
  const chosen = catalog.filter((resource) => resources.includes(resource.code));
  const provider = chosen[0]?.provider;
  const maxDays = Math.min(...chosen.map((resource) => resource.allowedConditions.maxValidityDays));
  const latest = chosen.length > 0 ? isoDay(new Date(Date.now() + maxDays * 86_400_000)) : '';
  const purposeRequired = chosen.some((resource) => resource.allowedConditions.purposeRequired);
  const rowScopeAllowed = chosen.every((resource) => resource.allowedConditions.rowScope);

  if (!can(person, 'apply')) {
    return <Result status="403" title="没有申请权限" subTitle="只有本单位的经办人可以提出共享申请。如需办理，请联系本单位的应用管理员分配“经办人”角色。" />;
  }
  if (error) return <Alert type="error" showIcon title={refusalText(error)} />;

  const chosenFieldsOk = chosen.every((resource) => resource.coordinates.some((coordinate) => fields.includes(coordinate)));
  const steps = [
    { title: '选择资源', ok: resources.length > 0 },
    { title: '选择字段', ok: fields.length > 0 && chosenFieldsOk },
    { title: '用途与范围', ok: purpose.trim().length > 0 },
    { title: '有效期', ok: validUntil !== '' && validUntil <= latest && validUntil >= isoDay(new Date()) },
    { title: '确认提交', ok: true },
  ];

  const submit = async () => {
    setSubmitting(true);
    const result = await apply({ input: { resources, fields, purpose: purpose.trim(), ...(rowScope.length ? { rowScope } : {}), validUntil } });
    setSubmitting(false);
    if (result.error || !result.data) {
      void message.error(refusalText(result.error) ?? '提交失败');
      return;
    }
    void message.success('申请已提交');
    navigate(`/applications/${encodeURIComponent(result.data.applyForShare.id)}`);
  };

  return (
    <Card title="提出共享申请">
      <Steps current={step} items={steps.map((s) => ({ title: s.title }))} style={{ marginBottom: 24 }} />
      {step === 0 && (
        <ResourceStep catalog={catalog} access={access} loading={fetching} selected={resources} provider={provider} unitName={unitName}
          onChange={(codes) => {
            setResources(codes);
            const keep = new Set(catalog.filter((r) => codes.includes(r.code)).flatMap((r) => r.coordinates));
            setFields(fields.filter((f) => keep.has(f)));
          }} />
      )}
      {step === 1 && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="info" showIcon title="最小必要：只勾选业务确需的字段。已可读取的字段标明了读取条件，无需重复申请。" />
          {chosen.map((resource) => (
            <Card key={resource.code} size="small" title={`${resource.code} ${resource.title}`}>
              <Space direction="vertical">
                {resource.coordinates.map((coordinate) => (
                  <FieldChoice key={coordinate} coordinate={coordinate} entry={access.get(coordinate)} checked={fields.includes(coordinate)}
                    onChange={(on) => setFields(on ? [...fields, coordinate] : fields.filter((f) => f !== coordinate))} />
                ))}
              </Space>
            </Card>
          ))}
        </Space>
      )}
      {step === 2 && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>用途{purposeRequired ? '（授权将限定于此用途，读取时须声明）' : ''}</Typography.Text>
          <Input.TextArea rows={2} maxLength={200} showCount value={purpose} onChange={(e) => setPurpose(e.target.value)} aria-label="用途" placeholder="例如：转学衔接学籍核对" />
          <Typography.Text strong>记录范围</Typography.Text>
          {rowScopeAllowed ? (
            <>
              <Select mode="multiple" allowClear showSearch optionFilterProp="label" style={{ width: '100%' }} aria-label="记录范围"
                placeholder="选择需要读取其记录的区或学校；不选表示全部记录" value={rowScope} onChange={setRowScope}
                options={units.filter((u) => u.type === 'DISTRICT_BUREAU' || u.type === 'SCHOOL').map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }))} />
              {rowScope.length === 0 && <Alert type="warning" showIcon title="未限定记录范围：将申请全部记录。请只申请业务确需的范围。" />}
            </>
          ) : <Typography.Text type="secondary">所选资源不按记录范围授权。</Typography.Text>}
        </Space>
      )}
      {step === 3 && (
        <Space direction="vertical">
          <Typography.Text>有效期至（最长 {Number.isFinite(maxDays) ? maxDays : '—'} 天，即不晚于 {latest}）</Typography.Text>
          <Input type="date" aria-label="有效期至" value={validUntil} min={isoDay(new Date())} max={latest} onChange={(e) => setValidUntil(e.target.value)} style={{ width: 200 }} />
        </Space>
      )}
      {step === 4 && (
        <Descriptions bordered column={1} size="small" items={[
          { key: 'p', label: '提供单位（答复单位）', children: unitName(provider) },
          { key: 'r', label: '资源', children: chosen.map((r) => `${r.code} ${r.title}`).join('；') },
          { key: 'f', label: '字段', children: fields.join('、') },
          { key: 'u', label: '用途', children: purpose },
          { key: 's', label: '记录范围', children: rowScope.length ? rowScope.map(unitName).join('、') : '全部记录' },
          { key: 'v', label: '有效期至', children: validUntil },
          { key: 'w', label: '流转', children: '提交后先报本单位的上级教育行政部门审核，再由提供单位在答复期限内答复。' },
        ]} />
      )}
      <Space style={{ marginTop: 24 }}>
        {step > 0 && <Button onClick={() => setStep(step - 1)}>上一步</Button>}
        {step < steps.length - 1 && <Button type="primary" disabled={!steps[step]!.ok} onClick={() => setStep(step + 1)}>下一步</Button>}
        {step === steps.length - 1 && <Button type="primary" loading={submitting} onClick={() => void submit()}>提交申请</Button>}
      </Space>
    </Card>
  );
}

function ResourceStep({ catalog, access, loading, selected, provider, unitName, onChange }: {
  catalog: ReadonlyArray<Resource>; access: Map<string, Access>; loading: boolean; selected: string[]; provider: string | undefined;
  unitName: (code: string) => string; onChange: (codes: string[]) => void;
}) {
  const readableEverywhere = (resource: Resource) => resource.coordinates.every((c) => READABLE_EVERYWHERE.has(access.get(c)?.status ?? ''));
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 12 }}
        title="一份申请只能包含同一提供单位的资源。不予共享的资源不能申请；开放数据无需申请。" />
      <Table<Resource>
        rowKey="code" size="small" loading={loading} dataSource={[...catalog]} pagination={false}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => onChange(keys as string[]),
          getCheckboxProps: (resource) => ({
            disabled: resource.shareType === 'NOT_SHARED' || readableEverywhere(resource) || (provider !== undefined && resource.provider !== provider),
            'aria-label': `选择 ${resource.code}`,
          }),
        }}
        columns={[
          { title: '资源代码', dataIndex: 'code', width: 130 },
          { title: '资源名称', dataIndex: 'title', width: 170 },
          { title: '共享类型', dataIndex: 'shareType', width: 110, render: (t: string) => <Tag color={shareTypeLabels[t]?.color}>{shareTypeLabels[t]?.text ?? t}</Tag> },
          { title: '提供单位', dataIndex: 'provider', width: 140, render: (code: string) => unitName(code) },
          {
            title: '说明', render: (_: unknown, resource: Resource) => (resource.shareType === 'NOT_SHARED'
              ? <Typography.Text type="danger">不予共享。依据：{resource.legalBasis}</Typography.Text>
              : readableEverywhere(resource) ? <Typography.Text type="secondary">开放数据，无需申请</Typography.Text>
                : <Typography.Text type="secondary">答复期限 {resource.responseDeadline.days} 个{resource.responseDeadline.calendar === 'WORKING' ? '工作日' : '自然日'}</Typography.Text>),
          },
        ]}
      />
    </>
  );
}

function FieldChoice({ coordinate, entry, checked, onChange }: { coordinate: string; entry: Access | undefined; checked: boolean; onChange: (on: boolean) => void }) {
  const status = entry?.status ?? 'APPLYABLE';
  if (status === 'NOT_SHARED') {
    return <Checkbox disabled>{coordinate} <Typography.Text type="danger">不予共享（{entry?.legalBasis}）</Typography.Text></Checkbox>;
  }
  const already = status === 'GRANTED' || status === 'JURISDICTION'
    ? entry!.conditions.map((c) => (c.grantId ? `已有授权${c.rowScope.length ? `（范围 ${c.rowScope.join('、')}）` : '（全部记录）'}` : '本辖区记录可直接读取')).join('；')
    : undefined;
  return (
    <Checkbox checked={checked} onChange={(e) => onChange(e.target.checked)} aria-label={`字段 ${coordinate}`}>
      {coordinate} <Tag color={accessLabels[status]?.color}>{accessLabels[status]?.text ?? status}</Tag>
      {already && <Typography.Text type="secondary">{already}：只在需要其他范围的记录时申请</Typography.Text>}
    </Checkbox>
  );
}
