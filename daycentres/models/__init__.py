from .centres import CentreMembership, DayCentre, Distribution, DistributionShare, OrderIncome, WorkOrder
from .subsidies import SubsidyApplication

__all__ = [
    "DayCentre",
    "CentreMembership",
    "WorkOrder",
    "OrderIncome",
    "Distribution",
    "DistributionShare",
    "SubsidyApplication",
]
