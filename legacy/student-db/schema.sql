-- Student-status database (学籍库) as the legacy system defines it: JY/T 1004
-- pinyin-initial column names, every value text (dates YYYYMMDD, months YYYYMM,
-- national codes as strings), '' rather than NULL for "none".
--
-- Identifiers are unquoted, so PostgreSQL folds them to lower case: the tables
-- are xxjbxx, bjxx, xsjbxx, xsjtcy and the columns xxdm, xm, csrq ... Adapters
-- query the lower-case names.
--
-- The loader runs the part before the "after load" marker first, bulk-loads
-- with COPY, then runs the rest: building keys and indexes once over the loaded
-- rows is several times faster than maintaining them row by row.

CREATE TABLE XXJBXX (             -- 学校基本信息
  XXDM    varchar(10)  NOT NULL,  -- 学校标识码
  XXMC    varchar(100) NOT NULL,  -- 学校名称
  XXDZ    varchar(200) NOT NULL,  -- 学校地址
  XZQHM   varchar(6)   NOT NULL,  -- 行政区划码
  JXNY    varchar(6)   NOT NULL,  -- 建校年月 YYYYMM
  XXBXLXM varchar(3)   NOT NULL,  -- 办学类型码
  XXBBM   varchar(2)   NOT NULL,  -- 办别码
  XZXM    varchar(50)  NOT NULL   -- 校长姓名
);

CREATE TABLE BJXX (               -- 班级信息
  BJDM    varchar(20)  NOT NULL,  -- 班级代码 XXDM + NJ + BH
  XXDM    varchar(10)  NOT NULL,
  NJ      varchar(4)   NOT NULL,  -- 年级码
  BH      varchar(2)   NOT NULL,  -- 班号
  BJMC    varchar(50)  NOT NULL,  -- 班级名称
  BZRGH   varchar(20)  NOT NULL   -- 班主任工号
);

CREATE TABLE XSJBXX (             -- 学生基本信息
  XH      varchar(20)  NOT NULL,  -- 学号
  XM      varchar(50)  NOT NULL,  -- 姓名
  XMPY    varchar(100) NOT NULL,  -- 姓名拼音
  XBM     varchar(1)   NOT NULL,  -- 性别码 GB/T 2261.1
  CSRQ    varchar(8)   NOT NULL,  -- 出生日期 YYYYMMDD
  CSDM    varchar(6)   NOT NULL,  -- 出生地码
  JG      varchar(6)   NOT NULL,  -- 籍贯
  MZM     varchar(2)   NOT NULL,  -- 民族码 GB/T 3304
  GJDQM   varchar(3)   NOT NULL,  -- 国籍/地区码
  SFZJLXM varchar(1)   NOT NULL,  -- 身份证件类型码
  SFZJH   varchar(20)  NOT NULL,  -- 身份证件号
  GATQWM  varchar(2)   NOT NULL,  -- 港澳台侨外码
  ZZMMM   varchar(2)   NOT NULL,  -- 政治面貌码
  JKZKM   varchar(2)   NOT NULL,  -- 健康状况码
  RXNY    varchar(6)   NOT NULL,  -- 入学年月 YYYYMM
  RXFSM   varchar(2)   NOT NULL,  -- 入学方式码
  JDFSM   varchar(1)   NOT NULL,  -- 就读方式码
  NJ      varchar(4)   NOT NULL,  -- 年级码
  BH      varchar(2)   NOT NULL,  -- 班号
  BJDM    varchar(20)  NOT NULL,  -- 班级代码
  XZZ     varchar(200) NOT NULL,  -- 现住址
  HKSZD   varchar(6)   NOT NULL,  -- 户口所在地
  HKXZM   varchar(2)   NOT NULL,  -- 户口性质码
  LXDH    varchar(20)  NOT NULL,  -- 联系电话
  SFDSZN  varchar(1)   NOT NULL,  -- 是否独生子女
  SFLSET  varchar(1)   NOT NULL,  -- 是否留守儿童
  CJLXM   varchar(2)   NOT NULL,  -- 残疾类型码
  XJH     varchar(19)  NOT NULL,  -- 学籍号 G/J/L
  XSDQZTM varchar(2)   NOT NULL,  -- 学生当前状态码
  XXDM    varchar(10)  NOT NULL   -- 学校标识码
);

CREATE TABLE XSJTCY (             -- 学生家庭成员/监护人
  XH      varchar(20)  NOT NULL,  -- 学生学号
  CYXH    varchar(2)   NOT NULL,  -- 成员序号
  CYXM    varchar(50)  NOT NULL,  -- 成员姓名
  GXM     varchar(2)   NOT NULL,  -- 关系码 GB/T 4761
  SFJHR   varchar(1)   NOT NULL,  -- 是否监护人
  SFZJLXM varchar(1)   NOT NULL,
  SFZJH   varchar(20)  NOT NULL,
  LXDH    varchar(20)  NOT NULL,
  JTZZ    varchar(200) NOT NULL,  -- 家庭住址
  JTDH    varchar(20)  NOT NULL   -- 家庭电话
);

-- after load

ALTER TABLE XXJBXX ADD PRIMARY KEY (XXDM);
ALTER TABLE BJXX ADD PRIMARY KEY (BJDM);
ALTER TABLE XSJBXX ADD PRIMARY KEY (XH);
ALTER TABLE XSJTCY ADD PRIMARY KEY (XH, CYXH);

-- What the pool asks: schools by district, classes by school, students by
-- school, class, 学籍号 and ID number, guardians by student (the PK covers it).
CREATE INDEX XXJBXX_XZQHM ON XXJBXX (XZQHM);
CREATE INDEX BJXX_XXDM ON BJXX (XXDM);
CREATE INDEX XSJBXX_XXDM ON XSJBXX (XXDM);
CREATE INDEX XSJBXX_BJDM ON XSJBXX (BJDM);
CREATE INDEX XSJBXX_XJH ON XSJBXX (XJH);
CREATE INDEX XSJBXX_SFZJH ON XSJBXX (SFZJH);
-- Statistics (在校生数 by school, grade, sex, ethnicity) read this index alone,
-- never the 30-column rows: an index-only scan, the figure computed in the DB.
CREATE INDEX XSJBXX_TJ ON XSJBXX (XSDQZTM, XXDM, NJ, XBM, MZM);
