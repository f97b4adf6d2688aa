import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Descriptions, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { can } from '../access';
import { refusalText, type Person } from '../api';
import {
  DecideShareApplicationDocument, EndorseShareApplicationDocument, ShareApplicationDocument, WithdrawShareApplicationDocument,
  type ShareApplicationQuery,
} from '../gql/graphql';
import { formatInstant, maskLabels, statusLabels } from '../labels';
import { useUnits } from '../units';

type Application = NonNullable<ShareApplicationQuery['shareApplication']>;

/** One application: its whole history as a timeline, and the actions the person's roles allow at this step. */
export function ApplicationPage({ id, person }: { id: string; person: Person }) {
  const [{ data, error, fetching }, reload] = useQuery({ query: ShareApplicationDocument, variables: { id } });
  const application = data?.shareApplication;
  const { unitName } = useUnits();
  if (error) return <Alert type="error" showIcon title={refusalText(error)} />;
  if (!application) return <Card loading={fetching}>{!fetching && '没有这份申请，或本单位不参与这份申请。'}</Card>;
  const allowedMasks = new Map((data?.catalog ?? []).flatMap((r) => r.allowedConditions.masks.map((m) => [m.coordinate, m.masks] as const)));
  const pending = application.awaitingUnit !== null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={`共享申请 ${application.id.slice(0, 8)}`} extra={<Tag color={statusLabels[application.status]?.color}>{statusLabels[application.status]?.text}</Tag>}>
        <Descriptions column={2} size="small" items={[
          { key: 'a', label: '申请单位', children: unitName(application.applicant) },
          { key: 'p', label: '提供单位', children: unitName(application.provider) },
          { key: 'e', label: '审核单位', children: application.endorser ? unitName(application.endorser) : '无（直接报提供单位）' },
          { key: 'w', label: '待办单位', children: application.awaitingUnit ? unitName(application.awaitingUnit) : '已办结' },
          { key: 'r', label: '资源', children: application.resources.join('、') },
          { key: 'u', label: '用途', children: application.purpose },
          { key: 'f', label: '申请字段', children: application.fields.join('、'), span: 2 },
          { key: 's', label: '记录范围', children: application.rowScope.length ? application.rowScope.map(unitName).join('、') : '全部记录' },
          { key: 'v', label: '申请有效期至', children: application.validUntil.slice(0, 10) },
          { key: 't', label: '提交时间', children: formatInstant(application.submittedAt) },
          { key: 'd', label: '答复期限', children: <>{formatInstant(application.deadline)} {application.overdue && <Tag color="red">已逾期</Tag>}</> },
        ]} />
      </Card>
      {pending && <Actions application={application} person={person} allowedMasks={allowedMasks} onDone={() => reload({ requestPolicy: 'network-only' })} />}
      <Card title="办理过程">
        <Timeline items={application.history.map((event) => ({
          color: event.toStatus === 'REJECTED' ? 'red' : event.toStatus === 'APPROVED' ? 'green' : 'blue',
          children: (
            <>
              <Typography.Text strong>{statusLabels[event.toStatus]?.text ?? event.toStatus}</Typography.Text>
              {' '}· {unitName(event.actor)} · {formatInstant(event.at)}
              {event.reason && <div>理由：{event.reason}</div>}
              {event.conditions && (
                <div>条件：字段 {event.conditions.fields.join('、')}
                  {event.conditions.masks.length > 0 && `；脱敏 ${event.conditions.masks.map((m) => `${m.coordinate}（${maskLabels[m.mask] ?? m.mask}）`).join('、')}`}
                  ；有效期至 {event.conditions.validUntil.slice(0, 10)}</div>
              )}
            </>
          ),
        }))} />
      </Card>
    </Space>
  );
}

function Actions({ application, person, allowedMasks, onDone }: {
  application: Application; person: Person; allowedMasks: Map<string, ReadonlyArray<string>>; onDone: () => void;
}) {
  const { message } = AntApp.useApp();
  const [, endorse] = useMutation(EndorseShareApplicationDocument);
  const [, decide] = useMutation(DecideShareApplicationDocument);
  const [, withdraw] = useMutation(WithdrawShareApplicationDocument);
  const [reason, setReason] = useState('');
  const [approving, setApproving] = useState(false);
  const mine = application.awaitingUnit === person.unit.code;
  const mayEndorse = mine && application.status === 'SUBMITTED' && application.endorser === person.unit.code && can(person, 'endorse');
  const mayDecide = mine && application.provider === person.unit.code && can(person, 'decide');
  const mayWithdraw = application.applicant === person.unit.code && can(person, 'withdraw');
  if (!mayEndorse && !mayDecide && !mayWithdraw) return null;
  const done = (result: { error?: Parameters<typeof refusalText>[0] }, success: string) => {
    if (result.error) void message.error(refusalText(result.error));
    else {
      void message.success(success);
      onDone();
    }
  };
  return (
    <Card title="办理">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input.TextArea rows={2} placeholder="意见或理由（拒绝时必填）" value={reason} onChange={(e) => setReason(e.target.value)} aria-label="意见或理由" />
        <Space>
          {mayEndorse && <Button type="primary" onClick={async () => done(await endorse({ id: application.id, reason: reason || null }), '已审核上报')}>审核同意上报</Button>}
          {mayDecide && <Button type="primary" onClick={() => setApproving(true)}>同意（设定条件）</Button>}
          {mayDecide && <Button danger disabled={!reason.trim()} onClick={async () => done(await decide({ id: application.id, decision: 'REJECT', reason }), '已拒绝')}>拒绝</Button>}
          {mayWithdraw && <Button onClick={async () => done(await withdraw({ id: application.id, reason: reason || null }), '已撤回')}>撤回申请</Button>}
        </Space>
      </Space>
      {approving && (
        <ApproveDialog application={application} allowedMasks={allowedMasks} onCancel={() => setApproving(false)} onApprove={async (conditions) => {
          setApproving(false);
          done(await decide({ id: application.id, decision: 'APPROVE', conditions, reason: reason || null }), '已同意');
        }} />
      )}
    </Card>
  );
}

function ApproveDialog({ application, allowedMasks, onCancel, onApprove }: {
  application: Application; allowedMasks: Map<string, ReadonlyArray<string>>; onCancel: () => void;
  onApprove: (conditions: { fields: string[]; masks: Array<{ coordinate: string; mask: never }> }) => void;
}) {
  const [fields, setFields] = useState<string[]>([...application.fields]);
  const [masks, setMasks] = useState<Record<string, string>>({});
  return (
    <Modal open title="同意共享：设定授权条件" okText="同意" cancelText="取消" onCancel={onCancel}
      onOk={() => onApprove({
        fields,
        masks: Object.entries(masks).filter(([coordinate, mask]) => mask && fields.includes(coordinate)).map(([coordinate, mask]) => ({ coordinate, mask: mask as never })),
      })}>
      <Typography.Paragraph>只勾选确需共享的字段；可按目录允许的方式脱敏。</Typography.Paragraph>
      {application.fields.map((coordinate) => (
        <div key={coordinate} style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 8 }}>
          <Checkbox checked={fields.includes(coordinate)} onChange={(e) => setFields(e.target.checked ? [...fields, coordinate] : fields.filter((f) => f !== coordinate))}>
            {coordinate}
          </Checkbox>
          {(allowedMasks.get(coordinate)?.length ?? 0) > 0 && (
            <Select allowClear placeholder="不脱敏" style={{ width: 220 }} aria-label={`${coordinate} 脱敏`}
              value={masks[coordinate]} onChange={(value: string | undefined) => setMasks({ ...masks, [coordinate]: value ?? '' })}
              options={allowedMasks.get(coordinate)!.map((mask) => ({ value: mask, label: maskLabels[mask] ?? mask }))} />
          )}
        </div>
      ))}
    </Modal>
  );
}
