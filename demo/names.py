"""Names and places of a Nanjiang-like county (南江县), for the demo county.
Townships are those of the real county; people are made up."""

from __future__ import annotations

__all__ = ["CATEGORIES", "DESTINATIONS", "EMPLOYERS", "ETHNICITIES", "GIVEN", "INDUSTRIES", "SURNAMES",
           "TOWNSHIPS", "VILLAGES"]

COUNTY_CODE = "511922"
COUNTY_NAME = "南江县"

TOWNSHIPS = ("南江镇", "长赤镇", "正直镇", "大河镇", "光雾山镇", "下两镇", "赶场镇", "杨坝镇", "天池镇",
             "八庙镇", "沙河镇", "桥亭镇", "红光镇", "坪河镇", "东榆镇", "石滩镇", "赤溪镇", "元潭镇",
             "高塔镇", "关坝镇")
VILLAGES = ("红旗", "光明", "新民", "东风", "团结", "和平", "胜利", "向阳", "前进", "幸福", "永安", "清河",
            "石门", "龙泉", "金星", "双河", "柏杨", "青龙")

# (province, city, share of members away, employers there, mobile branch set up there?)
DESTINATIONS = (
    ("四川省", "成都市", 24, True), ("陕西省", "西安市", 11, True), ("陕西省", "汉中市", 6, True),
    ("山西省", "太原市", 9, True), ("山西省", "大同市", 6, True), ("上海市", "上海市", 12, True),
    ("山东省", "济南市", 7, True), ("山东省", "青岛市", 7, True), ("重庆市", "重庆市", 8, True),
    ("广东省", "深圳市", 5, False), ("浙江省", "杭州市", 5, False),
)
EMPLOYERS = {
    "construction": ("建工集团", "建筑劳务公司", "路桥工程公司", "市政工程公司"),
    "mining": ("煤业集团", "矿业公司", "能源开采公司"),
    "garments": ("服装厂", "制衣有限公司"),
    "transport": ("物流公司", "运输公司", "快递分拨中心"),
    "catering": ("餐饮公司", "酒楼", "食品公司"),
    "manufacturing": ("电子厂", "机械厂"),
    "services": ("物业公司", "家政服务公司"),
}
INDUSTRIES = (("construction", 34), ("mining", 22), ("garments", 10), ("transport", 12), ("catering", 12),
              ("manufacturing", 6), ("services", 4))
CATEGORIES = (("rural", 58), ("laid_off", 9), ("graduate", 10), ("entrepreneur", 8), ("retired", 12),
              ("other", 3))
ETHNICITIES = (("汉族", 985), ("土家族", 6), ("苗族", 5), ("回族", 4))
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "建国明华军平红英兰秀文志伟勇强刚德成林海峰波涛磊斌杰涛玉珍芳燕霞丽萍俊杰鑫宇浩然晨阳思远雨欣梓涵子轩"
