package com.voclake.sample;

import java.util.List;

/**
 * What customers talk about: one entry per second-level category of the request taxonomy, each
 * with phrase pools for problems ({@code issues}), praise and neutral questions ({@code asks}).
 * Phrases carry slots ({@code {ms}} model, {@code {days}}, {@code {price}}, ...) that
 * {@link TextComposer} fills, and each names its topic with words a keyword rule can catch.
 */
final class Topics {
  /** Who can raise a topic: people still shopping, buyers waiting for a car, or owners. */
  enum Audience { PROSPECT, BUYER, OWNER, ANY }

  /** Which powertrains a topic applies to. */
  enum Fit { ALL, ELECTRIC, ICE_ONLY }

  record Topic(String l1, String l2, Audience audience, Fit fit, double weight,
      List<String> issues, List<String> praise, List<String> asks, List<String> answers) {}

  static final Topic PRICE = new Topic("购车咨询", "价格优惠", Audience.PROSPECT, Fit.ALL, 9,
      Pick.lines("""
          上周刚订的{ms}，这周就降了{price}，心里太不平衡了
          销售电话里说的{price}现金优惠，到店就不认了，变成送保养
          同城另一家店比{dealer}便宜{price}，你们的价格怎么这么乱
          落地价比网上的报价高了一大截，各种杂费加起来好几千
          说好的限时优惠，交了定金又说活动已经结束了
          金融服务费、上牌费、精品包都要另收，报价一点都不透明
          刚提车一个月官方就降价{price}，老车主一点补偿都没有
          优惠只给贷款客户，全款反而更贵，这是什么道理
          """),
      Pick.lines("""
          价格挺实在的，{ms}这个配置在同级里算良心了
          销售主动帮我申请了{price}的优惠，很给力
          这个价位能买到{ms}，性价比真的高
          落地价比预算还少了一些，优惠力度可以
          价格透明，没有乱七八糟的加价
          """),
      Pick.lines("""
          想问下{ms}现在落地大概多少钱
          {ms}这个月有什么优惠活动吗，{city}这边能便宜多少
          全款和贷款的价格一样吗，有没有现金优惠
          老车主推荐新车主买车有没有优惠
          年底了{ms}还会降价吗，想在{city}提一台
          顶配和次顶配差多少钱，值不值得加钱
          {ms}的优惠能叠加国补吗
          """),
      Pick.lines("""
          目前{ms}在{city}有{price}的限时优惠，具体以门店报价为准
          我这边帮您登记，让{dealer}的销售顾问给您发一份详细报价
          现在全款和贷款都能享受厂家优惠，贷款还有额外的金融补贴
          """));

  static final Topic TEST_DRIVE = new Topic("购车咨询", "试驾预约", Audience.PROSPECT, Fit.ALL, 7,
      Pick.lines("""
          预约了{day}的试驾，到店却说试驾车不在，白跑一趟
          网上预约试驾提交了{n}次都没人联系我
          试驾只让开了十分钟，就绕着店门口转一圈，根本感受不到什么
          试驾车里一股烟味，车也脏兮兮的
          约好的试驾时间销售迟到了半个小时
          """),
      Pick.lines("""
          试驾体验很好，销售讲解很细，还让上高架跑了一段
          预约试驾后当天就有顾问打电话确认，很及时
          试驾路线安排得很合理，市区和快速路都开到了
          """),
      Pick.lines("""
          我想预约{ms}的试驾，{city}哪家店可以
          周末能试驾吗，想带家里人一起去看看
          可以上门试驾吗，我不太方便去店里
          试驾需要带什么证件，驾照刚拿一年可以吗
          {ms}有没有长时间试驾，想开一天试试
          """),
      Pick.lines("""
          可以的，{dealer}周末有试驾车，我帮您约{day}上午可以吗
          试驾带上驾驶证就可以，销售顾问会提前和您确认时间
          {city}部分门店支持上门试驾，我帮您登记一下
          """));

  static final Topic FINANCE = new Topic("购车咨询", "金融贷款", Audience.PROSPECT, Fit.ALL, 4,
      Pick.lines("""
          销售说零首付零利息，签合同才发现有{price}的金融服务费
          贷款审批等了{days}天还没结果，车都没法提
          提前还款要收违约金，当初根本没人告诉我
          月供算下来比当初说好的多了好几百
          贷款合同里的利率和销售口头说的不一样
          """),
      Pick.lines("""
          贷款办得挺快，第二天就批下来了
          两年免息这个政策真的香
          金融专员把每一项费用都讲清楚了，没有套路
          """),
      Pick.lines("""
          {ms}有没有零首付或者低首付的贷款方案
          贷款三年的话月供大概多少
          征信有点小问题还能办分期吗
          金融方案的利率是多少，可以提前还款吗
          """),
      Pick.lines("""
          目前{ms}有两年免息和三年低息两种金融方案，首付最低两成
          提前还款的规则以合同为准，我帮您转金融专员详细介绍
          """));

  static final Topic TRADE_IN = new Topic("购车咨询", "置换补贴", Audience.PROSPECT, Fit.ALL, 4,
      Pick.lines("""
          旧车评估价压得太低了，比二手车商少了{price}
          说好的置换补贴{price}，提车的时候又说我不符合条件
          置换补贴申请了{days}天还没到账
          置换的旧车过户拖了一个多月，违章还算在我头上
          """),
      Pick.lines("""
          置换流程挺省事的，旧车当场评估，置换补贴也很快到账了
          旧车估价比我预期的还高一点，置换很划算
          """),
      Pick.lines("""
          我有一台开了六年的旧车，置换{ms}能补贴多少
          置换补贴和国家的以旧换新补贴能一起享受吗
          外地牌照的旧车可以参加置换吗
          不是本品牌的车也能置换吗，补贴有多少
          """),
      Pick.lines("""
          非本品牌旧车置换也可以享受{price}的置换补贴，需要提供旧车行驶证
          置换补贴可以和国家以旧换新政策叠加，具体以审核结果为准
          """));

  static final Topic CONFIG = new Topic("购车咨询", "配置咨询", Audience.PROSPECT, Fit.ALL, 5,
      Pick.lines("""
          官网上写的配置和实车不一样，说好的{feat}没有
          中配居然没有{feat}，太抠了吧
          宣传页上的{feat}原来是选装，还要另外加钱
          """),
      Pick.lines("""
          配置很丰富，{feat}都是标配
          这个价格{feat}都有，配置很厚道
          """),
      Pick.lines("""
          {ms}中配和高配主要差在哪些配置
          {ms}有没有{feat}，是标配还是选装
          四驱版和两驱版怎么选，平时主要市区通勤
          {ms}有几个颜色，白色要不要加钱
          座椅是真皮的吗，有没有座椅通风
          {ms}的轴距是多少，后排坐三个人挤不挤
          """),
      Pick.lines("""
          {ms}中配以上都有{feat}，高配多了HUD和座椅通风
          具体配置表我发到您手机上，您可以对比一下
          """));

  static final Topic DELIVERY_DELAY = new Topic("交付物流", "交付延期", Audience.BUYER, Fit.ALL, 7,
      Pick.lines("""
          合同上写的{month}月底交车，现在都过去{days}天了还没消息
          定金交了两个多月，一问就是在路上，到底什么时候能提车
          说好的交付日期一拖再拖，我都跟单位请好假了
          车一直显示在途，问销售也说不清楚车到底在哪
          提车时间推迟了{n}次，没有任何解释也没有补偿
          交付延期也不主动通知，还是我自己打电话问才知道
          """),
      Pick.lines("""
          比预计的交车时间早了一周，很惊喜
          交付进度每周都有人同步，等车的过程不焦虑
          """),
      Pick.lines("""
          想问一下我的车现在生产到哪一步了，订单能查吗
          大概还要等多久才能交付
          交付延期的话有没有补偿
          """),
      Pick.lines("""
          我查了一下，您的车已经下线，正在发运到{dealer}，预计{days}天内到店
          非常抱歉交付延期了，我这边帮您申请延期补偿，结果会短信通知您
          """));

  static final Topic HANDOVER = new Topic("交付物流", "提车验车", Audience.BUYER, Fit.ALL, 5,
      Pick.lines("""
          提车的时候发现后保险杠有划痕，销售说是运输途中造成的
          新车里程表上已经有{km}公里了，这还算新车吗
          验车发现轮胎的生产日期是去年的
          提车当天发现车漆有色差，左前门和叶子板颜色不一样
          随车的充电枪都没给，说后面再补
          提车时候说好的精品大礼包，到现在一样都没给
          """),
      Pick.lines("""
          交车仪式搞得挺用心的，还送了花和车模
          验车的时候顾问陪着一项一项检查，很细致
          提车很顺利，手续半个小时就办完了
          """),
      Pick.lines("""
          提车验车要重点检查哪些地方
          提车需要带什么材料，上牌可以代办吗
          临时牌照的有效期是多久
          """),
      Pick.lines("""
          提车时带上身份证和购车合同就可以，上牌可以由{dealer}代办
          验车建议重点看漆面、轮胎日期和里程，我们也会给您一份验车清单
          """));

  static final Topic NOISE = new Topic("产品质量", "异响", Audience.OWNER, Fit.ALL, 7,
      Pick.lines("""
          过减速带的时候底盘咯噔咯噔地响
          车速到{speed}左右方向盘那里有嗡嗡的异响
          副驾驶门板一直有咯吱咯吱的异响，颠簸路面更明显
          天窗那里有哒哒的响声，开着很烦
          冷车启动的时候发动机舱有异响
          刹车的时候有吱吱的尖叫声
          后备箱那边一直有塑料摩擦的声音，去店里查了{n}次都没查出异响在哪
          仪表台里面有异响，像是什么东西松了
          """),
      Pick.lines("""
          开了{km}公里了，一点异响都没有，做工挺扎实
          车内很安静，没有什么异响
          """),
      Pick.lines("""
          车有异响可以直接去店里检测吗
          异响这种问题在保修范围内吗
          """),
      List.of());

  static final Topic LEAK = new Topic("产品质量", "漏水", Audience.OWNER, Fit.ALL, 4,
      Pick.lines("""
          下了一场大雨，副驾驶脚垫全湿了，车居然漏水
          天窗漏水，雨水顺着A柱往下滴
          后备箱进水了，备胎槽里积了一汪水
          洗完车发现车门密封条那里在渗水
          空调出风口往下滴水，店里说是排水管堵了
          车顶漏水把后排座椅都泡了，一股霉味
          """),
      Pick.lines("""
          暴雨天开过好几次积水路段，车里一滴水都没进，密封做得好
          """),
      Pick.lines("""
          车漏水是免费维修吗，需要预约吗
          """),
      List.of());

  static final Topic WARNING_LIGHT = new Topic("产品质量", "故障灯", Audience.OWNER, Fit.ALL, 5,
      Pick.lines("""
          仪表盘上突然亮了个黄色的发动机故障灯
          胎压报警灯一直亮，打了气也不灭
          开着开着亮起了动力系统故障灯，还限速了
          仪表上一直提示“请检修制动系统”，吓得不敢开
          故障灯亮了又灭，灭了又亮，去店里说检测不出问题
          电池故障灯亮了，提示请尽快维修
          安全气囊故障灯亮了，心里很不踏实
          """),
      List.of(),
      Pick.lines("""
          仪表上亮了个故障灯，还能继续开吗
          故障灯亮了是去最近的店检查吗
          """),
      List.of());

  static final Topic PAINT = new Topic("产品质量", "漆面外观", Audience.OWNER, Fit.ALL, 3,
      Pick.lines("""
          车漆上好多小麻点，开了不到半年
          前机盖的漆面起泡了
          车门缝隙左右不一样大，做工太粗糙
          镀铬饰条已经开始发黄氧化了
          漆面太薄了，轻轻蹭一下就露底漆
          """),
      Pick.lines("""
          外观真的好看，这个颜色在阳光下特别有质感
          车漆光泽度很好，停在路边回头率很高
          造型很大气，家里人都说好看
          """),
      Pick.lines("""
          漆面起泡是保修范围吗
          """),
      List.of());

  static final Topic HEAD_UNIT = new Topic("智能座舱", "车机死机", Audience.OWNER, Fit.ALL, 7,
      Pick.lines("""
          车机经常死机，导航开着开着就卡住不动了
          中控屏突然黑屏，倒车影像都看不到，太危险了
          车机反应特别慢，点一下要等好几秒，卡顿很严重
          蓝牙连着连着就断了，车机还会自己重启
          车机一启动就卡在开机画面，只能熄火再重启
          中控屏时不时闪屏，然后车机就死机了
          车机卡死了，空调和音乐都调不了
          """),
      Pick.lines("""
          车机很流畅，基本没有卡顿
          中控屏反应很快，用起来跟手机差不多
          车机界面简洁，常用功能一步就能找到
          """),
      Pick.lines("""
          车机死机了怎么强制重启
          车机卡顿可以恢复出厂设置吗
          """),
      Pick.lines("""
          您可以长按方向盘左侧的语音键十秒强制重启车机，如果还不行我们安排检测
          我这边给您登记车机问题，{dealer}的技术人员会联系您远程诊断
          """));

  static final Topic OTA = new Topic("智能座舱", "OTA升级", Audience.OWNER, Fit.ALL, 4,
      Pick.lines("""
          OTA升级了一晚上都没装上，一直提示升级失败
          OTA升级之后续航显示少了几十公里
          这次OTA升级完，好几个常用功能都找不到了
          升级包下载到一半就卡住，反复好几次了
          宣传的OTA新功能到现在都没推送给我
          """),
      Pick.lines("""
          这次OTA升级加了不少新功能，体验更好了
          OTA升级很方便，晚上停车自动就升级好了
          每次OTA升级都有惊喜，感觉车越开越新
          """),
      Pick.lines("""
          新版本的OTA什么时候推送
          OTA升级要多长时间，升级的时候能用车吗
          我的车一直没收到OTA升级推送是什么原因
          """),
      Pick.lines("""
          新版本OTA是分批推送的，预计本月内会推送到您的车辆
          OTA升级大约需要四十分钟，升级期间车辆不能使用
          """));

  static final Topic VOICE = new Topic("智能座舱", "语音助手", Audience.OWNER, Fit.ALL, 4,
      Pick.lines("""
          语音助手经常听不懂，说打开空调它给我导航去了
          喊了好几遍“你好小岚”语音助手都没反应
          语音识别不了方言，我说粤语就完全不行
          语音助手老是误唤醒，车里聊着天它突然插话
          语音助手反应太慢，说完要等半天才执行
          """),
      Pick.lines("""
          语音助手挺聪明的，连续对话很自然，开窗开空调一句话搞定
          语音控制很好用，开车的时候不用动手
          语音助手识别很准，连方言都能听懂
          """),
      Pick.lines("""
          语音助手的唤醒词可以改吗
          语音助手能控制座椅加热吗
          """),
      List.of());

  static final Topic KARAOKE = new Topic("智能座舱", "车内K歌", Audience.OWNER, Fit.ALL, 3,
      Pick.lines("""
          车内K歌的麦克风连不上，孩子一直闹
          车内K歌声音延迟很大，唱着唱着就对不上了
          车内K歌的曲库太少，好多歌都搜不到
          车内K歌功能还要单独开会员，太坑了
          """),
      Pick.lines("""
          车内K歌太好玩了，周末露营全家一起唱
          车内K歌音效不错，等人的时候唱两首很解压
          车内K歌是孩子最喜欢的功能，每次上车都要唱
          """),
      Pick.lines("""
          车内K歌的无线麦克风在哪里买
          车内K歌需要开会员吗
          """),
      List.of());

  static final Topic AUTOPILOT = new Topic("智能驾驶", "自动驾驶", Audience.ANY, Fit.ALL, 6,
      Pick.lines("""
          辅助驾驶在高速上突然退出，也没什么提示，吓出一身冷汗
          自动驾驶遇到加塞反应太慢，急刹了好几次
          车道保持老是往一边偏，根本不敢放手
          高速领航辅助驾驶下匝道的时候走错了道
          智驾宣传得天花乱坠，实际用起来很鸡肋
          自适应巡航跟车距离忽远忽近，乘客都晕车了
          """),
      Pick.lines("""
          高速上开辅助驾驶很省心，跟车也很稳
          智能驾驶变道很果断，长途开下来一点都不累
          自适应巡航很好用，堵车的时候跟车很平顺
          """),
      Pick.lines("""
          {ms}的辅助驾驶能在城市道路用吗
          自动驾驶功能需要单独付费吗
          高速领航辅助驾驶什么时候开放
          """),
      Pick.lines("""
          {ms}高配标配高速领航辅助驾驶，城市道路辅助驾驶会通过OTA逐步开放
          辅助驾驶功能目前限时免费，使用时请保持双手握住方向盘
          """));

  static final Topic PARKING = new Topic("智能驾驶", "泊车辅助", Audience.OWNER, Fit.ALL, 3,
      Pick.lines("""
          自动泊车识别不了车位，试了好几次都不行
          泊车辅助倒车的时候差点蹭到柱子
          倒车雷达乱报警，旁边什么都没有也一直响
          360影像画面模糊，晚上基本看不清
          """),
      Pick.lines("""
          自动泊车很好用，侧方停车再也不发愁了
          360全景影像很清晰，窄车位也能停得进去
          遥控泊车很方便，窄车位下车再停进去
          """),
      Pick.lines("""
          自动泊车怎么用，需要先开什么设置吗
          """),
      List.of());

  static final Topic RANGE = new Topic("补能续航", "续航", Audience.ANY, Fit.ELECTRIC, 6,
      Pick.lines("""
          冬天续航缩水太严重，标的{range}公里，实际跑不到一半
          开空调续航掉得特别快
          表显续航和实际能跑的差太多了
          高速上续航掉得飞快，跑一趟周边都得找充电桩
          纯电续航越来越短，才一年电池就不行了
          """),
      Pick.lines("""
          续航挺扎实的，表显和实际差不多
          一周充一次电就够了，续航完全不焦虑
          跑长途续航也够用，{range}公里不虚标
          """),
      Pick.lines("""
          {ms}冬天续航大概能有多少
          {ms}满电实际能跑多少公里
          """),
      Pick.lines("""
          冬季低温续航会有一定衰减，建议出发前远程预热电池
          """));

  static final Topic CHARGING = new Topic("补能续航", "充电", Audience.OWNER, Fit.ELECTRIC, 5,
      Pick.lines("""
          快充桩上充不进去，一直提示充电异常
          充电速度太慢了，快充半个多小时才充到{pct}%
          家里充电的时候充电枪发烫
          App显示在充电，其实根本没充进去
          充电口盖打不开了，没法充电
          """),
      Pick.lines("""
          快充速度很快，喝杯咖啡的时间就充到八成了
          充电很方便，小区楼下就有充电桩
          充电兼容性很好，各家的充电桩都能充
          """),
      Pick.lines("""
          这款车支持多少千瓦的快充
          在第三方充电桩充电有优惠吗
          """),
      List.of());

  static final Topic CHARGER_INSTALL = new Topic("补能续航", "充电桩安装", Audience.BUYER, Fit.ELECTRIC, 4,
      Pick.lines("""
          充电桩申请了{days}天还没人来安装
          物业不让装充电桩，你们的人也不帮忙协调
          安装师傅说要额外收{price}的线缆费，当初说好免费安装充电桩的
          充电桩装好以后一直报故障，根本用不了
          """),
      Pick.lines("""
          充电桩安装师傅很专业，半天就装好了
          充电桩安装很快，提车第二天就上门勘测了
          """),
      Pick.lines("""
          买车送的充电桩怎么申请安装
          老小区没有固定车位能装充电桩吗
          安装充电桩需要准备什么材料，物业证明怎么开
          """),
      Pick.lines("""
          您在App里提交安装申请后，安装服务商会在三个工作日内联系您上门勘测
          充电桩安装需要固定车位和物业同意证明，材料清单我发给您
          """));

  static final Topic SEAT_HEATING = new Topic("舒适配置", "座椅加热", Audience.OWNER, Fit.ALL, 3,
      Pick.lines("""
          座椅加热开了半天都不热
          座椅加热只有坐垫热，靠背一点感觉都没有
          主驾座椅加热坏了，烫得要命还关不掉
          冬天早上座椅加热要在屏幕里点好几层才能打开，太麻烦
          """),
      Pick.lines("""
          座椅加热很给力，冬天一上车就暖和了
          座椅加热加方向盘加热，冬天太需要了
          座椅加热可以远程提前打开，很贴心
          """),
      Pick.lines("""
          座椅加热能不能在App里远程打开
          后排有没有座椅加热
          """),
      List.of());

  static final Topic AIR_CONDITIONING = new Topic("舒适配置", "空调", Audience.OWNER, Fit.ALL, 4,
      Pick.lines("""
          空调制冷效果很差，开到最低温度还是热
          空调出风口有一股霉味
          冬天暖风要等好久才热
          空调压缩机的声音很大
          空调一开就有异味，滤芯刚换过
          """),
      Pick.lines("""
          空调制冷很快，夏天几分钟就凉下来了
          远程开空调太方便了，上车就是舒服的温度
          空调出风很柔和，后排也有出风口
          """),
      Pick.lines("""
          空调滤芯多久换一次
          空调有异味怎么处理
          """),
      List.of());

  static final Topic MAINTENANCE = new Topic("售后服务", "保养预约", Audience.OWNER, Fit.ALL, 6,
      Pick.lines("""
          预约了保养，到店还要排队等两个小时
          小程序预约保养一直显示没有可约时间
          首保明明是免费的，结果收了{price}的工时费
          保养价格比外面贵太多了
          保养完发现机油盖都没拧紧
          """),
      Pick.lines("""
          保养预约很方便，到店直接开工，一个小时就好了
          保养的时候还顺便帮忙洗了车，很贴心
          保养项目和价格都提前发了明细，很透明
          """),
      Pick.lines("""
          我的车开了{km}公里了，该做几保了
          首保是免费的吗，需要提前预约吗
          周末能做保养吗，大概要多久
          保养可以上门取送车吗
          """),
      Pick.lines("""
          您可以在小程序里预约保养，{dealer}周末也正常营业
          首保免费，按您的里程可以做第一次保养了，我帮您预约
          """));

  static final Topic REPAIR = new Topic("售后服务", "维修进度", Audience.OWNER, Fit.ALL, 6,
      Pick.lines("""
          车放在店里修了{days}天了，一直说在等配件
          维修进度一点都不透明，每次打电话都说还在查
          修好以后提车发现问题还在，又得回去修
          修车期间也不给提供代步车，上下班太不方便了
          说好三天修好，现在一个星期了还没动静
          """),
      Pick.lines("""
          维修很快，当天就修好了，还给了代步车
          维修进度在App里能实时看到，很清楚
          """),
      Pick.lines("""
          我的车维修到哪一步了，什么时候能取
          维修期间有没有代步车
          这个问题在保修范围内吗
          """),
      Pick.lines("""
          我查了一下维修工单，配件已经到店，预计{days}天内修好
          维修期间可以申请代步车，我帮您联系{dealer}安排
          """));

  static final Topic SERVICE_ATTITUDE = new Topic("售后服务", "服务态度", Audience.ANY, Fit.ALL, 7,
      Pick.lines("""
          服务顾问的态度很差，问两句就不耐烦
          打客服电话等了二十分钟都没人接
          销售前后两副面孔，买之前什么都答应，买了以后消息都不回
          前台爱答不理的，问什么都说不知道
          客服只会说“已经帮您反馈了”，然后就没下文了
          门店的人推来推去，没有一个人愿意负责
          """),
      Pick.lines("""
          服务顾问小{surname}特别耐心，全程跟进，必须点赞
          客服回复很及时，问题当天就解决了
          门店服务很热情，休息区还有咖啡和点心
          销售很专业，不会硬推销
          """),
      Pick.lines("""
          之前联系我的服务顾问换人了吗
          想表扬一下你们的服务顾问，在哪里可以评价
          """),
      List.of());

  static final Topic PARTS = new Topic("售后服务", "配件", Audience.OWNER, Fit.ALL, 4,
      Pick.lines("""
          换个后视镜等配件等了一个月
          原厂配件价格贵得离谱，一个大灯要{price}
          换上去的配件和原来的颜色不一样
          配件缺货，店里说总部也没有库存
          """),
      Pick.lines("""
          配件到得挺快，第三天就换好了
          原厂配件质量不错，价格也能接受
          """),
      Pick.lines("""
          原厂脚垫在哪里买
          想加装个行车记录仪，有原厂配件吗
          雨刮片多久换一次，原厂配件多少钱
          """),
      Pick.lines("""
          原厂配件可以在App商城购买，也可以到{dealer}安装
          """));

  static final Topic REFUND = new Topic("投诉维权", "退车退款", Audience.ANY, Fit.ALL, 4,
      Pick.lines("""
          新车提了不到一个月就毛病不断，我要求退车
          定金交了想退，店里说不能退
          车一直修不好，已经第三次进店了，要求退车退款
          意向金退款申请了{days}天还没到账
          三包期内同一个问题修了好几次，按规定应该给我退换车
          """),
      List.of(),
      Pick.lines("""
          定金可以退吗，退款要多久
          三包政策里哪些情况可以退换车
          """),
      Pick.lines("""
          意向金可以全额退款，原路返回，一般三到七个工作日到账
          退换车需要按三包规定评估，我先帮您提交申请，会有专人联系您
          """));

  static final Topic COMPENSATION = new Topic("投诉维权", "赔偿诉求", Audience.ANY, Fit.ALL, 3,
      Pick.lines("""
          因为你们的问题耽误了我{days}天用车，必须给个赔偿
          维修的时候把我的中控台划伤了，要求赔偿
          交付延期这么久，你们难道不应该给点补偿吗
          我花钱打车上下班的费用，要求你们报销赔偿
          车子在店里被磕了一块，必须给我一个赔偿方案
          """),
      List.of(),
      Pick.lines("""
          延期交付的赔偿标准是什么
          """),
      List.of());

  static final Topic POINTS = new Topic("账户会员", "积分权益", Audience.ANY, Fit.ALL, 4,
      Pick.lines("""
          积分突然清零了，也没有提前通知
          说好的终身免费流量，现在要收费了
          积分商城兑换的东西一个多月了还没发货
          首任车主权益说没就没了
          """),
      Pick.lines("""
          积分可以兑换保养，挺实在的
          车主权益挺多的，每天签到还能攒积分换礼品
          会员积分抵了好几百的保养费，很划算
          """),
      Pick.lines("""
          积分怎么兑换，能抵扣保养费吗
          首任车主的权益需要满足什么条件
          车主俱乐部的活动怎么报名
          """),
      Pick.lines("""
          积分可以在App积分商城兑换，也可以在保养时抵扣现金
          首任车主权益需要车辆未过户，您的车满足条件
          """));

  static final Topic ACCOUNT = new Topic("账户会员", "账号登录", Audience.ANY, Fit.ALL, 4,
      Pick.lines("""
          App登录不上，一直提示网络异常
          换了手机号以后App账号就登不上了
          登录的验证码一直收不到
          App的数字钥匙经常失灵，站在车旁边都开不了门
          账号莫名其妙被退出登录，绑定的车辆也没了
          """),
      List.of(),
      Pick.lines("""
          换手机号了怎么改绑App账号
          家人想用数字钥匙，怎么授权
          一个App账号能绑两台车吗
          """),
      Pick.lines("""
          您可以在App设置里用原手机号验证后改绑新手机号
          数字钥匙可以在App车辆页面分享给家人
          """));

  static final List<Topic> ALL = List.of(
      PRICE, TEST_DRIVE, FINANCE, TRADE_IN, CONFIG, DELIVERY_DELAY, HANDOVER, NOISE, LEAK, WARNING_LIGHT,
      PAINT, HEAD_UNIT, OTA, VOICE, KARAOKE, AUTOPILOT, PARKING, RANGE, CHARGING, CHARGER_INSTALL,
      SEAT_HEATING, AIR_CONDITIONING, MAINTENANCE, REPAIR, SERVICE_ATTITUDE, PARTS, REFUND, COMPENSATION,
      POINTS, ACCOUNT);

  /** The incident's own phrases: head units bricked by last night's OTA push. */
  static final List<String> INCIDENT_ISSUES = Pick.lines("""
      昨晚OTA推送升级到{version}，今天早上车机直接黑屏了
      升级完{version}中控屏就一直重启，空调开不了导航也用不了
      早上出门车机黑屏，倒车影像、空调全都用不了，这车还怎么开
      这次OTA升级把车机搞坏了吧，屏幕全黑，怎么重启都没用
      车机升级后卡在开机logo界面进不去，车主群里好多人都一样
      半夜自动OTA升级，早上起来中控屏黑屏，连空调都调不了
      OTA升级失败以后车机变砖了，仪表盘也不显示续航
      车机升级{version}之后彻底死机，没有倒车影像根本不敢倒车
      """);

  /** Features people weigh in reviews, with clause pools of both polarities. */
  record Feature(String name, Fit fit, List<String> positive, List<String> negative) {}

  static final List<Feature> FEATURES = List.of(
      new Feature("动力", Fit.ALL, Pick.lines("""
          动力{deg}足，超车很轻松
          起步{deg}快，推背感很强
          动力响应{deg}线性，开起来很跟脚
          动力储备充足，高速再加速也不肉
          """), Pick.lines("""
          动力{little}肉，高速超车费劲
          起步{little}拖沓，红绿灯起步老被超
          满载爬坡的时候动力明显吃力
          动力不太够，开空调以后更明显
          """)),
      new Feature("油耗", Fit.ICE_ONLY, Pick.lines("""
          油耗{deg}低，市区也就{fuel}个油
          油耗控制得不错，跑高速{fuel}个左右
          馈电油耗也不高，这个油耗很满意
          """), Pick.lines("""
          油耗{little}高，市区跑下来要{fuel2}个油
          油耗比宣传的高不少，堵车的时候更夸张
          冬天油耗蹭蹭往上涨，{fuel2}个打不住
          """)),
      new Feature("空间", Fit.ALL, Pick.lines("""
          后排空间{deg}大，一米八坐着也不憋屈
          后备箱{deg}能装，露营装备全塞进去了
          车内空间宽敞，一家五口出行很舒服
          """), Pick.lines("""
          后排中间地板有凸起，坐三个人{little}挤
          后备箱{little}浅，放个婴儿车就满了
          后排头部空间不太够，个子高的坐着压头
          """)),
      new Feature("外观", Fit.ALL, PAINT.praise(), Pick.lines("""
          外观{little}普通，尾灯设计没什么辨识度
          前脸不太耐看，看久了有点审美疲劳
          车漆{little}薄，停了一段时间就有划痕
          """)),
      new Feature("内饰", Fit.ALL, Pick.lines("""
          内饰做工{deg}精致，用料很扎实
          内饰氛围灯{deg}有格调，晚上开很有感觉
          内饰的设计感很强，坐进去很舒服
          """), Pick.lines("""
          内饰塑料感{little}重，和这个价位不太匹配
          新车内饰有味道，开窗通风好几天才散
          内饰有些地方做工粗糙，缝隙不均匀
          """)),
      new Feature("隔音", Fit.ALL, Pick.lines("""
          隔音{deg}好，高速上风噪很小
          车里很安静，胎噪几乎听不到
          """), Pick.lines("""
          胎噪{little}大，跑烂路的时候更明显
          高速上风噪明显，说话都要大声点
          """)),
      new Feature("操控", Fit.ALL, Pick.lines("""
          底盘{deg}稳，过弯很扎实
          转向很精准，开起来有驾驶乐趣
          """), Pick.lines("""
          悬挂{little}硬，过坎比较颠
          方向盘{little}虚，高速上心里没底
          """)),
      new Feature("车机", Fit.ALL, HEAD_UNIT.praise(), HEAD_UNIT.issues()),
      new Feature("语音助手", Fit.ALL, VOICE.praise(), VOICE.issues()),
      new Feature("车内K歌", Fit.ALL, KARAOKE.praise(), KARAOKE.issues()),
      new Feature("自动驾驶", Fit.ALL, AUTOPILOT.praise(), AUTOPILOT.issues()),
      new Feature("泊车辅助", Fit.ALL, PARKING.praise(), PARKING.issues()),
      new Feature("续航", Fit.ELECTRIC, RANGE.praise(), RANGE.issues()),
      new Feature("充电", Fit.ELECTRIC, CHARGING.praise(), CHARGING.issues()),
      new Feature("座椅加热", Fit.ALL, SEAT_HEATING.praise(), SEAT_HEATING.issues()),
      new Feature("空调", Fit.ALL, AIR_CONDITIONING.praise(), AIR_CONDITIONING.issues()),
      new Feature("价格", Fit.ALL, PRICE.praise(), Pick.lines("""
          价格{little}贵，同价位竞品配置更高
          落地价偏高，优惠力度不够
          """)));

  private Topics() {}

  static boolean fits(Fit fit, World.Powertrain powertrain) {
    return switch (fit) {
      case ALL -> true;
      case ELECTRIC -> powertrain != World.Powertrain.ICE;
      case ICE_ONLY -> powertrain != World.Powertrain.EV;
    };
  }
}
