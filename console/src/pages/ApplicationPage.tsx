import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Descriptions, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import type { CombinedError } from 'urql';
import { useMutation, useQuery } from 'urql';
import { can } from '../access';
import { refusalText, type Person } from '../api';
import {
  DecideShareApplicationDocument, DeclineShareApplicationDocument, EndorseShareApplicationDocument, ResubmitShareApplicationDocument,
  ShareApplicationDocument, WithdrawShareApplicationDocument, type ShareApplicationQuery,
} from '../gql/graphql';
import { formatInstant, maskLabels, statusLabels } from '../labels';
import { DecisionDeadline, EndorsementDeadline } from '../StageDeadlines';
import { useUnits } from '../units';

type Application = NonNullable<ShareApplicationQuery['shareApplication']>;
type Catalog = ShareApplicationQuery['catalog'];

const OPEN = ['SUBMITTED', 'ENDORSED', 'DECLINED'];

/** One application: its whole history as a timeline, and the actions the person's roles allow at this step. */
export function ApplicationPage({ id, person }: { id: string; person: Person }) {
  const [{ data, error, fetching }, reload] = useQuery({ query: ShareApplicationDocument, variables: { id } });
  const application = data?.shareApplication;
  const { unitName } = useUnits();
  if (error) return <Alert type="error" showIcon title={refusalText(error)} />;
  if (!application) return <Card loading={fetching}>{!fetching && '没有这份申请，或本单位不参与这份申请。'}</Card>;
  const allowedMasks = new Map((data?.catalog ?? []).flatMap((r) => r.allowedConditions.masks.map((m) => [m.coordinate, m.masks] as const)));
  const pending = application.awaitingUnit !== null;
  const declined = application.status === 'DECLINED' ? application.history.filter((e) => e.toStatus === 'DECLINED').at(-1) : undefined;
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
          { key: 't', label: '提交时间', children: formatInstant(application.submittedAt), span: 2 },
          { key: 'ed', label: '审核期限（审核单位）', children: <EndorsementDeadline application={application} /> },
          { key: 'dd', label: '答复期限（提供单位，送达起15日）', children: <DecisionDeadline application={application} /> },
        ]} />
      </Card>
      {declined && (
        <Alert type="warning" showIcon title={`${unitName(declined.actor)}已退回本申请`}
          description={<>退回理由：{declined.reason}<br />申请单位可按理由修改后重新提交，或撤回申请。</>} />
      )}
      {pending && <Actions application={application} person={person} catalog={data?.catalog ?? []} allowedMasks={allowedMasks} onDone={() => reload({ requestPolicy: 'network-only' })} />}
      <Card title="办理过程">
        <Timeline items={application.history.map((event) => ({
          color: event.toStatus === 'REJECTED' ? 'red' : event.toStatus === 'APPROVED' ? 'green' : event.toStatus === 'DECLINED' ? 'orange' : 'blue',
          children: (
            <>
              <Typography.Text strong>{event.fromStatus === 'DECLINED' && event.toStatus === 'SUBMITTED' ? '已重新提交' : statusLabels[event.toStatus]?.text ?? event.toStatus}</Typography.Text>
              {' '}· {unitName(event.actor)}{event.actorPersonName && ` · ${event.actorPersonName}`} · {formatInstant(event.at)}
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

/**
 * The steps the person may take now, by role and state: the endorser
 * endorses or declines (退回, reasons required); the provider's data officer
 * approves with conditions or rejects (reasons required); the applicant
 * resubmits a declined application or withdraws an open one.
 */
function Actions({ application, person, catalog, allowedMasks, onDone }: {
  application: Application; person: Person; catalog: Catalog; allowedMasks: Map<string, ReadonlyArray<string>>; onDone: () => void;
}) {
  const { message } = AntApp.useApp();
  const [, endorse] = useMutation(EndorseShareApplicationDocument);
  const [, decline] = useMutation(DeclineShareApplicationDocument);
  const [, decide] = useMutation(DecideShareApplicationDocument);
  const [, resubmit] = useMutation(ResubmitShareApplicationDocument);
  const [, withdraw] = useMutation(WithdrawShareApplicationDocument);
  const [reason, setReason] = useState('');
  const [approving, setApproving] = useState(false);
  const [resubmitting, setResubmitting] = useState(false);
  const mine = application.awaitingUnit === person.unit.code;
  const endorsing = mine && application.status === 'SUBMITTED' && application.endorser === person.unit.code;
  const mayEndorse = endorsing && can(person, 'endorse');
  const mayDecline = endorsing && can(person, 'decline');
  const mayDecide = mine && application.provider === person.unit.code && can(person, 'decide');
  const applicant = application.applicant === person.unit.code;
  const mayResubmit = applicant && application.status === 'DECLINED' && can(person, 'resubmit');
  const mayWithdraw = applicant && OPEN.includes(application.status) && can(person, 'withdraw');
  if (!mayEndorse && !mayDecline && !mayDecide && !mayResubmit && !mayWithdraw) return null;
  const needsReason = mayDecline || mayDecide;
  const done = (result: { error?: CombinedError }, success: string) => {
    if (result.error) void message.error(refusalText(result.error));
    else {
      void message.success(success);
      onDone();
    }
  };
  return (
    <Card title="办理">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} aria-label="意见或理由"
          placeholder={needsReason ? '意见或理由（退回、拒绝时必填：写明申请单位应如何修改或不予提供的理由）' : '说明（可不填）'} />
        <Space wrap>
          {mayEndorse && <Button type="primary" onClick={async () => done(await endorse({ id: application.id, reason: reason || null }), '已审核上报')}>审核同意上报</Button>}
          {mayDecline && <Button danger disabled={!reason.trim()} onClick={async () => done(await decline({ id: application.id, reason }), '已退回申请单位')}>退回（说明理由）</Button>}
          {mayDecide && <Button type="primary" onClick={() => setApproving(true)}>同意（设定条件）</Button>}
          {mayDecide && <Button danger disabled={!reason.trim()} onClick={async () => done(await decide({ id: application.id, decision: 'REJECT', reason }), '已拒绝')}>拒绝</Button>}
          {mayResubmit && <Button type="primary" onClick={() => setResubmitting(true)}>重新提交</Button>}
          {mayWithdraw && <Button onClick={async () => done(await withdraw({ id: application.id, reason: reason || null }), '已撤回')}>撤回申请</Button>}
        </Space>
        {needsReason && !reason.trim() && <Typography.Text type="secondary">退回或拒绝须先填写理由。</Typography.Text>}
      </Space>
      {resubmitting && (
        <ResubmitDialog application={application} catalog={catalog} onCancel={() => setResubmitting(false)} onResubmit={async (amendments) => {
          setResubmitting(false);
          done(await resubmit({ id: application.id, amendments, reason: reason || null }), '已重新提交，待审核单位审核');
        }} />
      )}
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

/**
 * 重新提交: the applicant amends a declined application within the same
 * resources — the fields it needs (minimum necessary), its purpose and
 * validity — and sends it back to the endorser. The pool checks the amended
 * terms as it checks a new application.
 */
function ResubmitDialog({ application, catalog, onCancel, onResubmit }: {
  application: Application; catalog: Catalog; onCancel: () => void;
  onResubmit: (amendments: { fields: string[]; purpose: string; validUntil: string }) => void;
}) {
  const available = catalog.filter((r) => application.resources.includes(r.code)).flatMap((r) => r.coordinates);
  const [fields, setFields] = useState<string[]>([...application.fields]);
  const [purpose, setPurpose] = useState(application.purpose);
  const [validUntil, setValidUntil] = useState(application.validUntil.slice(0, 10));
  return (
    <Modal open title="重新提交：按退回理由修改申请" okText="重新提交" cancelText="取消" onCancel={onCancel}
      okButtonProps={{ disabled: fields.length === 0 }} onOk={() => onResubmit({ fields, purpose, validUntil })}>
      <Typography.Paragraph>只保留确需的字段；资源不能更改（需要其他资源请另行申请）。</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        {available.map((coordinate) => (
          <Checkbox key={coordinate} checked={fields.includes(coordinate)} aria-label={`重新提交字段 ${coordinate}`}
            onChange={(e) => setFields(e.target.checked ? [...fields, coordinate] : fields.filter((f) => f !== coordinate))}>
            {coordinate}
          </Checkbox>
        ))}
        <Input addonBefore="用途" aria-label="重新提交用途" value={purpose} onChange={(e) => setPurpose(e.target.value)} />
        <Input addonBefore="有效期至" aria-label="重新提交有效期至" placeholder="YYYY-MM-DD" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} />
      </Space>
    </Modal>
  );
}
