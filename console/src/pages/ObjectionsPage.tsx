import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { can } from '../access';
import { refusalText, type Person } from '../api';
import {
  AnswerObjectionDocument, FileObjectionDocument, ObjectionsDocument, VerifyObjectionDocument, WithdrawObjectionDocument,
  type ObjectionsQuery,
} from '../gql/graphql';
import { formatInstant } from '../labels';

type Objection = ObjectionsQuery['objections'][number];

const objectionStatus: Record<string, { text: string; color: string }> = {
  FILED: { text: '已提出', color: 'processing' },
  VERIFYING: { text: '核实中', color: 'blue' },
  CORRECTED: { text: '已更正', color: 'success' },
  REJECTED: { text: '不予更正', color: 'error' },
  WITHDRAWN: { text: '已撤回', color: 'default' },
};

const isOpen = (status: string) => status === 'FILED' || status === 'VERIFYING';

/**
 * 纠错: a unit that received a record through the pool objects to one field;
 * the providing unit verifies and answers within the catalog's deadline
 * (Measures 第五章). Filing and withdrawing are the applicant's; verifying and
 * answering the data officer's.
 */
export function ObjectionsPage({ person }: { person: Person }) {
  const [{ data, error, fetching }, reload] = useQuery({ query: ObjectionsDocument, variables: {} });
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const objections = data?.objections ?? [];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon title={refusalText(error)} />}
      {can(person, 'apply') && <FileObjectionCard onFiled={refresh} />}
      <Card title="异议">
        <Table<Objection>
          rowKey="id" size="middle" loading={fetching} dataSource={objections} pagination={{ pageSize: 10 }}
          expandable={{ expandedRowRender: (objection) => <ObjectionDetail objection={objection} person={person} onDone={refresh} /> }}
          columns={[
            { title: '字段', dataIndex: 'coordinate' },
            { title: '记录', dataIndex: 'recordId' },
            { title: '提出单位', render: (_: unknown, o: Objection) => o.filedBy.name ?? o.filedBy.code },
            { title: '提供单位', render: (_: unknown, o: Objection) => o.provider.name ?? o.provider.code },
            { title: '状态', dataIndex: 'status', render: (s: string) => <Tag color={objectionStatus[s]?.color}>{objectionStatus[s]?.text ?? s}</Tag> },
            {
              title: '答复期限', render: (_: unknown, o: Objection) => (isOpen(o.status)
                ? <>{formatInstant(o.deadline)} {o.overdue && <Tag color="red">已逾期</Tag>}</>
                : <Typography.Text type="secondary">已办结 {formatInstant(o.closedAt)}</Typography.Text>),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function FileObjectionCard({ onFiled }: { onFiled: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ coordinate: string; recordId: string; reason: string; proposedValue?: string }>();
  const [, file] = useMutation(FileObjectionDocument);
  return (
    <Card title="提出异议" size="small">
      <Typography.Paragraph type="secondary">对通过资源池获得的记录，指出某个字段有误：提供单位将在答复期限内核实并答复。</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={async (values) => {
        const result = await file({ input: { ...values, proposedValue: values.proposedValue || null } });
        if (result.error) void message.error(refusalText(result.error));
        else {
          void message.success('异议已提出');
          form.resetFields();
          onFiled();
        }
      }}>
        <Form.Item name="coordinate" label="字段" rules={[{ required: true, message: '请填写字段，例如 Student.birthDate' }]}>
          <Input placeholder="Student.birthDate" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="recordId" label="记录编号" rules={[{ required: true, message: '请填写学号或工号' }]}>
          <Input placeholder="学号或工号" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请说明哪里有误、依据是什么' }]}>
          <Input placeholder="哪里有误，依据是什么" style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="proposedValue" label="建议值">
          <Input style={{ width: 140 }} />
        </Form.Item>
        <Form.Item><Button type="primary" htmlType="submit">提出</Button></Form.Item>
      </Form>
    </Card>
  );
}

function ObjectionDetail({ objection, person, onDone }: { objection: Objection; person: Person; onDone: () => void }) {
  const { message } = AntApp.useApp();
  const [reason, setReason] = useState('');
  const [, verify] = useMutation(VerifyObjectionDocument);
  const [, answer] = useMutation(AnswerObjectionDocument);
  const [, withdraw] = useMutation(WithdrawObjectionDocument);
  const open = isOpen(objection.status);
  const mayAnswer = open && objection.provider.code === person.unit.code && can(person, 'decide');
  const mayWithdraw = open && objection.filedBy.code === person.unit.code && can(person, 'withdraw');
  const done = (result: { error?: Parameters<typeof refusalText>[0] }, success: string) => {
    if (result.error) void message.error(refusalText(result.error));
    else {
      void message.success(success);
      setReason('');
      onDone();
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text>理由：{objection.reason}{objection.proposedValue && `；建议值：${objection.proposedValue}`}</Typography.Text>
      <Timeline items={objection.history.map((step) => ({
        children: <>{objectionStatus[step.toStatus]?.text ?? step.toStatus} · {step.actor.name ?? step.actor.code} · {formatInstant(step.at)}{step.reason && ` · ${step.reason}`}</>,
      }))} />
      {(mayAnswer || mayWithdraw) && (
        <Space>
          <Input placeholder="说明或理由（答复时必填）" value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 320 }} aria-label="异议处理说明" />
          {mayAnswer && objection.status === 'FILED' && <Button onClick={async () => done(await verify({ id: objection.id, reason: reason || null }), '已开始核实')}>开始核实</Button>}
          {mayAnswer && <Button type="primary" disabled={!reason.trim()} onClick={async () => done(await answer({ id: objection.id, decision: 'CORRECTED', reason }), '已答复：已更正')}>已更正</Button>}
          {mayAnswer && <Button danger disabled={!reason.trim()} onClick={async () => done(await answer({ id: objection.id, decision: 'REJECTED', reason }), '已答复：不予更正')}>不予更正</Button>}
          {mayWithdraw && <Button onClick={async () => done(await withdraw({ id: objection.id, reason: reason || null }), '已撤回')}>撤回异议</Button>}
        </Space>
      )}
    </Space>
  );
}
